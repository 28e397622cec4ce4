using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Agencies;
using ReferralFlow.Host.Features.Referrals;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Pages.Referrals;

/// <summary>
/// 의뢰 목록: the referrals the worker's agency takes part in (the district's, for the hub), newest first, found by number,
/// dong and open/closed, paged (<see cref="ListReferrals"/>: the household's name only where the consent covers the caller).
/// </summary>
public sealed class IndexModel(UiContext ui, ListReferrals list, ListDistrictDongs dongs, ReferralFlowDbContext db, WorkflowReadModel workflow) : UiPage(ui)
{
    public const int PageSize = 20;

    /// <summary><c>open</c> (default), <c>closed</c> or <c>all</c>.</summary>
    [BindProperty(SupportsGet = true, Name = "state")]
    public string? Show { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Dong { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Number { get; set; }

    /// <summary>The cursor of the page (query <c>after</c>, the previous page's last row): deep pages are index walks, not offsets.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>The next page's cursor, if there is one.</summary>
    public string? NextCursor { get; private set; }

    internal IReadOnlyList<ListReferrals.Item> Items { get; private set; } = [];

    public int Total { get; private set; }

    /// <summary>The count as shown: "1,000+" when counting stopped at <see cref="ReferralFlow.Host.Infrastructure.Http.Paging.CountCap"/>.</summary>
    public string TotalText { get; private set; } = "0";

    public IReadOnlyList<string> Dongs { get; private set; } = [];

    public IReadOnlyDictionary<string, string> AgencyNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> WorkflowNames { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync() => await TryAsync(LoadAsync) ?? Page();

    /// <summary>This list's address with the current filters, on another page.</summary>
    public string PageUrl(string? after) => Url.Page("/Referrals/Index", new { state = Show, dong = Dong, number = Number, after })!;

    private async Task LoadAsync()
    {
        bool? open = Show switch { "closed" => false, "all" => null, _ => true };
        var query = new ListReferrals.Query(Open: open, Dong: Dong, Number: Number);
        var result = await list.QueryAsync(query, PageSize, Paging.Read(After, 2), 0, Ct);
        (Items, Total, NextCursor) = (result.Items, result.Total ?? 0, result.NextCursor);
        TotalText = result.TotalCapped ? $"{Total:N0}+" : $"{Total:N0}";

        Dongs = await dongs.HandleAsync(Ct);
        var agencyIds = Items.SelectMany(i => new[] { i.ReferringAgencyId, i.PublicOwnerAgencyId }).Distinct().ToList();
        AgencyNames = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, Ct);
        var keys = Items.Select(i => i.WorkflowKey).Distinct().ToList();
        var district = Me.District;
        WorkflowNames = await workflow.Definitions.Where(d => d.District == district && keys.Contains(d.Key))
            .ToDictionaryAsync(d => d.Key, d => d.Name, Ct);
    }
}
