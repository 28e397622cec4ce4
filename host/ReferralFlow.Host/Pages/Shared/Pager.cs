namespace ReferralFlow.Host.Pages.Shared;

/// <summary>
/// A list's pager: "1–50 / 전체 52건" with previous and next links. <paramref name="Url"/> gives a page's address;
/// <paramref name="Label"/> names the list for screen readers. With <see cref="Capped"/> the count stopped at
/// <see cref="Total"/> (shown as "1,000+"), so a next page is always offered.
/// </summary>
public sealed record Pager(string TestId, string Label, int Page, int PageSize, int Total, Func<int, string> Url)
{
    public bool Capped { get; init; }

    public int Pages => Capped ? Math.Max(Page + 1, (Total + PageSize - 1) / PageSize) : Math.Max(1, (Total + PageSize - 1) / PageSize);

    public int From => ((Page - 1) * PageSize) + 1;

    public int To => Capped ? Page * PageSize : Math.Min(Total, Page * PageSize);

    /// <summary>The total as shown: "1,000+" when capped.</summary>
    public string TotalText => Capped ? $"{Total:N0}+" : $"{Total:N0}";
}

/// <summary>
/// A keyset pager (deep pages cost the same as the first): the count, a link back to the first page and one to the next
/// page's cursor.
/// </summary>
public sealed record CursorPager(string TestId, string Label, string TotalText, string? FirstUrl, string? NextUrl);
