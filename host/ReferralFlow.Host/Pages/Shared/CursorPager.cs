namespace ReferralFlow.Host.Pages.Shared;

/// <summary>
/// A keyset pager (deep pages cost the same as the first): the count, a link back to the first page and one to the next
/// page's cursor.
/// </summary>
public sealed record CursorPager(string TestId, string Label, string TotalText, string? FirstUrl, string? NextUrl);
