using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Administration.Agencies;
using ReferralFlow.Host.Features.Allocations;
using ReferralFlow.Host.Features.Audit;

namespace ReferralFlow.Host.Pages.Admin;

/// <summary>
/// <c>/admin/allocations</c>: the district's role allocation table, editable; a table that leaves a role of a published
/// workflow without an agency in some dong is not saved. A preview line for a workflow and a dong, and the history of changes.
/// </summary>
public sealed class AllocationsModel(
    UiContext ui, GetAllocationTable table, ReplaceAllocations replace, CheckAllocationCoverage coverage, PreviewAllocation preview,
    ListAdminAgencies agencies, QueryAuditLog audit) : UiPage(ui)
{
    /// <summary>Blank rows offered for new entries.</summary>
    public const int BlankRows = 3;

    public AllocationTable.Response? Table { get; private set; }

    public CheckAllocationCoverage.Response? Coverage { get; private set; }

    public PreviewAllocation.Response? Preview { get; private set; }

    public IReadOnlyList<AdminAgencyView> Agencies { get; private set; } = [];

    public IReadOnlyList<QueryAuditLog.Entry> History { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? WorkflowKey { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Dong { get; set; }

    public async Task<IActionResult> OnGetAsync() => Allowed ? await TryAsync(LoadAsync) ?? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(string[] rowDong, string[] rowRole, string[] rowAgency, string? version)
    {
        if (!Allowed)
        {
            return Forbid();
        }

        var district = Me.District;
        var rows = Enumerable.Range(0, Math.Min(rowDong.Length, Math.Min(rowRole.Length, rowAgency.Length)))
            .Where(i => !string.IsNullOrWhiteSpace(rowRole[i]) && !string.IsNullOrWhiteSpace(rowAgency[i]))
            .Select(i => (Dong: rowDong[i]?.Trim() ?? "", RoleKey: rowRole[i].Trim(), AgencyId: rowAgency[i].Trim())).ToList();
        var saved = false;
        var failed = await TryAsync(async () =>
        {
            var check = await coverage.CheckAsync(district, rows, Ct);
            if (check.Gaps.Count > 0)
            {
                Coverage = check;
                Problem = string.Format(L["Alloc.Gaps"], check.Gaps.Count);
                return;
            }

            await replace.HandleAsync(new ReplaceAllocations.Request(district, [.. rows.Select(r => new ReplaceAllocations.Entry(r.Dong, r.RoleKey, r.AgencyId))], version), Ct);
            saved = true;
        });
        if (failed is not null)
        {
            return failed;
        }

        if (saved)
        {
            Flash = L["Alloc.Saved"];
            return RedirectToPage();
        }

        var gaps = Coverage;
        var result = await TryAsync(LoadAsync) ?? Page();
        Coverage = gaps ?? Coverage;
        return result;
    }

    private bool Allowed => Me.IsSystemAdmin || Me.IsInRole(Roles.DistrictAdmin);

    private async Task LoadAsync()
    {
        Table = await table.HandleAsync(null, Ct);
        Coverage = await coverage.HandleAsync(null, Ct);
        Agencies = (await agencies.HandleAsync(new ListAdminAgencies.Query(Me.District, true, 200, null), Ct)).Items;
        History = (await audit.HandleAsync(null, null, ReplaceAllocations.AuditAction, null, null, 10, null, Ct, Me.District)).Items;
        if (!string.IsNullOrWhiteSpace(WorkflowKey) && !string.IsNullOrWhiteSpace(Dong))
        {
            Preview = await preview.HandleAsync(null, WorkflowKey, Dong, Ct);
        }
    }
}
