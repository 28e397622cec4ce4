using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.Referrals;
using ReferralFlow.Host.Features.Tasks;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Pages;

/// <summary>The supervisor's view: the team's open and overdue tasks, and handover of a leaving worker's tasks (<see cref="HandOverTasks"/>).</summary>
public sealed class SupervisorModel : UiPage
{
    public IReadOnlyList<TaskItem> Tasks { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Team { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => !Me.IsSupervisor && !Me.IsSystemAdmin ? Forbid() : await TryAsync(LoadAsync) ?? Page();

    public async Task<IActionResult> OnPostHandOverAsync(Guid fromUserId, Guid? toUserId, string? reason)
    {
        HandOverTasks.Response? done = null;
        var failed = await TryAsync(async () => done = await HandOverTasks.HandleAsync(new HandOverTasks.Request(fromUserId, toUserId, reason),
            S<TaskAccess>(), S<TaskViews>(), S<AuditLog>(), S<UnitOfWork>(), S<ReferralFlowDbContext>(), S<WorkTaskStore>(), Ct));
        if (failed is not null)
        {
            return failed;
        }

        if (done is not null)
        {
            Flash = string.Format(L["Supervisor.HandedOver"], done.Count);
            return RedirectToPage();
        }

        return await TryAsync(LoadAsync) ?? Page();
    }

    private async Task LoadAsync()
    {
        Tasks = (await ListTasks.ListAsync(new ListTasks.Query(), 500, null, 0,
            S<TaskAccess>(), S<ReferralAccess>(), S<TaskViews>(), S<WorkflowReadModel>(), S<ReferralFlowDbContext>(), S<TimeProvider>(), Ct)).Items;
        var agency = Me.AgencyId;
        var rows = await S<ReferralFlowDbContext>().Users.AsNoTracking().Where(u => u.AgencyId == agency)
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(Ct);
        Team = [.. rows.Select(r => (r.Id, r.DisplayName))];
    }
}
