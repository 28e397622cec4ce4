using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Collaboration;
using ReferralFlow.Host.Features.Reports;
using ReferralFlow.Host.Features.Tasks;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Pages;

/// <summary>
/// The district's control tower (district hub): open steps of every referral in the district, escalated and overdue first,
/// and each agency's open/overdue/escalated counts and median hours to complete (<see cref="OverdueByAgency"/>), as bars and CSV.
/// A worker of a public agency (주민센터, 구청, 보건소) gets the case owner's tower: the same over the referrals their agency
/// owns, so public responsibility does not end at the referral. The collaboration report is the district's, for both.
/// </summary>
public sealed class ControlTowerModel(
    UiContext ui, ListTasks list, OverdueByAgency overdue, CollaborationReport collaboration, RecordJointResponse record, ReferralFlowDbContext db) : UiPage(ui)
{
    internal IReadOnlyList<OverdueByAgency.Row> Agencies { get; private set; } = [];

    /// <summary>Open steps shown per page: pages follow the task list's keyset cursor, so a deep page costs what the first does.</summary>
    public const int PageSize = 50;

    public IReadOnlyList<TaskItem> Steps { get; private set; } = [];

    /// <summary>The cursor of the page (query <c>after</c>, the previous page's last step in deadline order).</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>Only escalated steps (query <c>escalated=true</c>), so none hides on a later page.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Escalated { get; set; }

    /// <summary>The next page's cursor, if there is one.</summary>
    public string? NextCursor { get; private set; }

    /// <summary>Every open step in scope, counted up to <see cref="Paging.CountCap"/>.</summary>
    public int StepsTotal { get; private set; }

    /// <summary>The count as shown: "1,000+" when counting stopped at the cap.</summary>
    public string StepsTotalText { get; private set; } = "0";

    /// <summary>The collaboration report (민관협력 실적) of the district, per year.</summary>
    internal CollaborationReport.Report? Collaboration { get; private set; }

    /// <summary>True for the public case owner's tower (referrals the caller's agency owns), false for the whole district.</summary>
    public bool OwnedOnly => !Me.IsDistrictHub && !Me.IsSystemAdmin;

    /// <summary>The hub's form to record a joint response.</summary>
    [BindProperty]
    public JointInput Joint { get; set; } = new();

    public sealed class JointInput
    {
        public DateOnly? Date { get; set; }

        public string? Kind { get; set; }

        public string? Title { get; set; }

        public decimal? Hours { get; set; }

        public int? People { get; set; }
    }

    /// <summary>Records a joint response (district hub, system admin) through the API's use case, then shows the report again.</summary>
    public async Task<IActionResult> OnPostJointAsync()
    {
        if (!Me.IsDistrictHub && !Me.IsSystemAdmin)
        {
            return Forbid();
        }

        ModelState.Clear();
        var request = new RecordJointResponse.Request(Joint.Date, Joint.Kind, Joint.Title, Joint.Hours, Joint.People, null);
        var failed = await TryAsync(() => record.HandleAsync(request, Ct),
            (field, _) => L[$"Collab.Invalid.{field}"]);
        if (failed is not null)
        {
            return failed;
        }

        if (Problem is null)
        {
            Flash = L["Collab.Recorded"];
            return RedirectToPage();
        }

        return await TryAsync(LoadAsync) ?? Page();
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await MayOpenAsync())
        {
            return Forbid();
        }

        return await TryAsync(LoadAsync) ?? Page();
    }

    /// <summary>The agencies table as CSV, each row written to the response as soon as it is read.</summary>
    public async Task<IActionResult> OnGetCsvAsync()
    {
        if (!await MayOpenAsync())
        {
            return Forbid();
        }

        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = "attachment; filename=agencies.csv";

        // UTF-8 with a byte order mark so spreadsheet programs read the Korean names as UTF-8.
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await writer.WriteLineAsync(string.Join(',', L["Tower.Agency"], L["Tower.Open"], L["Tower.Overdue"], L["Tower.Escalated"], L["Tower.Median"]));
        await foreach (var a in overdue.StreamAsync(Me.District, OwnedOnly, Ct))
        {
            await writer.WriteLineAsync(string.Join(',', Csv(a.AgencyName), a.Open, a.Overdue, a.Escalated,
                a.MedianHoursToComplete?.ToString("0.0", CultureInfo.InvariantCulture) ?? ""));
            await writer.FlushAsync(Ct);
        }

        return new EmptyResult();
    }

    private static string Csv(string value) => value.Contains(',', StringComparison.Ordinal) || value.Contains('"', StringComparison.Ordinal)
        ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
        : value;

    /// <summary>The district hub, a system administrator, or a worker of a public agency (a possible case owner).</summary>
    private async Task<bool> MayOpenAsync() =>
        Me.IsDistrictHub || Me.IsSystemAdmin || (await db.Agencies.FindAsync([Me.AgencyId], Ct))?.IsPublic == true;

    private async Task LoadAsync()
    {
        Agencies = await overdue.RowsAsync(Me.District, OwnedOnly, Ct);
        var query = OwnedOnly ? new ListTasks.Query(Owned: true) : new ListTasks.Query(District: true);
        query = query with { Escalated = Escalated ? true : null };
        var steps = await list.ListAsync(query, PageSize, Paging.Read(After, 3), 0, Ct);
        Collaboration = await collaboration.HandleAsync(null, null, Ct);
        StepsTotal = steps.Total ?? steps.Items.Count;
        StepsTotalText = steps.TotalCapped ? $"{StepsTotal:N0}+" : $"{StepsTotal:N0}";
        NextCursor = steps.NextCursor;

        // Pages follow the deadline order (overdue steps first); within a page escalated and overdue steps lead.
        Steps = [.. steps.Items.OrderByDescending(t => t.EscalationLevel).ThenByDescending(t => t.OverdueBy is not null).ThenBy(t => t.DueAt)];
    }

    /// <summary>This page's address with the current filter, on another page.</summary>
    public string PageUrl(string? after, bool? escalated = null) =>
        Url.Page("/ControlTower", new { escalated = (escalated ?? Escalated) ? true : (bool?)null, after })!;
}
