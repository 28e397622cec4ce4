namespace ReferralFlow.Host.Pages.Shared;

/// <summary>
/// A list's pager: "1–50 / 전체 52건" with previous and next links. <paramref name="Url"/> gives a page's address;
/// <paramref name="Label"/> names the list for screen readers.
/// </summary>
public sealed record Pager(string TestId, string Label, int Page, int PageSize, int Total, Func<int, string> Url)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public int From => ((Page - 1) * PageSize) + 1;

    public int To => Math.Min(Total, Page * PageSize);
}
