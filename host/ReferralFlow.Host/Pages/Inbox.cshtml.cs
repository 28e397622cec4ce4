using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.Referrals;
using ReferralFlow.Host.Features.Tasks;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Pages;

/// <summary>내 업무: my tasks and my agency's queue (<see cref="ListTasks"/>), claim and unclaim in one click.</summary>
public sealed class InboxModel : UiPage
{
    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Workflow { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Dong { get; set; }

    public IReadOnlyList<TaskItem> Mine { get; private set; } = [];

    public IReadOnlyList<TaskItem> Queue { get; private set; } = [];

    public IReadOnlyList<string> Workflows { get; private set; } = [];

    public IReadOnlyList<string> Dongs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var failed = await TryAsync(LoadAsync);
        return failed ?? Page();
    }

    public async Task<IActionResult> OnPostClaimAsync(Guid id, int? version) =>
        await ActAsync(() => ClaimTask.HandleAsync(id, new ClaimTask.Request(version), HttpContext, S<TaskAccess>(), S<TaskViews>(), S<AuditLog>(), S<UnitOfWork>(), Ct), "Inbox.Claimed");

    public async Task<IActionResult> OnPostUnclaimAsync(Guid id, int? version) =>
        await ActAsync(() => UnclaimTask.HandleAsync(id, new UnclaimTask.Request(version), HttpContext, S<TaskAccess>(), S<TaskViews>(), S<AuditLog>(), S<UnitOfWork>(), Ct), "Inbox.Unclaimed");

    private async Task<IActionResult> ActAsync(Func<Task<TaskItem>> action, string done)
    {
        var failed = await TryAsync(action);
        if (failed is not null)
        {
            return failed;
        }

        if (Problem is null)
        {
            Flash = L[done];
            return RedirectToPage(new { Overdue, Workflow, Dong });
        }

        await TryAsync(LoadAsync);
        return Page();
    }

    private async Task LoadAsync()
    {
        var dong = string.IsNullOrWhiteSpace(Dong) ? null : Dong;
        var workflowKey = string.IsNullOrWhiteSpace(Workflow) ? null : Workflow;
        Mine = (await ListAsync(new ListTasks.Query(true, null, Overdue ? true : null, null, null, workflowKey, dong, null, null, null, null))).Items;
        Queue = (await ListAsync(new ListTasks.Query(null, true, Overdue ? true : null, null, null, workflowKey, dong, null, null, null, null))).Items;
        Workflows = await S<WorkflowDbContext>().Definitions.AsNoTracking().Select(d => d.Key).OrderBy(k => k).ToListAsync(Ct);
        var district = Me.District;
        Dongs = await S<ReferralFlowDbContext>().Agencies.AsNoTracking().Where(a => a.District == district && a.Dong != null)
            .Select(a => a.Dong!).OrderBy(d => d).ToListAsync(Ct);
    }

    private Task<ListTasks.Response> ListAsync(ListTasks.Query query) =>
        ListTasks.HandleAsync(query, S<TaskAccess>(), S<ReferralAccess>(), S<TaskViews>(), S<WorkflowDbContext>(), S<ReferralFlowDbContext>(), S<TimeProvider>(), Ct);
}
