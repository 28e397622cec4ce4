using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Tasks;

namespace ReferralFlow.Host.Pages;

/// <summary>The supervisor's view: the team's open and overdue tasks, and handover of a leaving worker's tasks (<see cref="HandOverTasks"/>).</summary>
public sealed class SupervisorModel(UiContext ui, ListTasks list, HandOverTasks handOver, ReferralFlowDbContext db) : UiPage(ui)
{
    public IReadOnlyList<TaskItem> Tasks { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Team { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => !Me.IsSupervisor && !Me.IsSystemAdmin ? Forbid() : await TryAsync(LoadAsync) ?? Page();

    public async Task<IActionResult> OnPostHandOverAsync(Guid fromUserId, Guid? toUserId, string? reason)
    {
        HandOverTasks.Response? done = null;
        var failed = await TryAsync(async () => done = await handOver.HandleAsync(new HandOverTasks.Request(fromUserId, toUserId, reason), Ct));
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
        Tasks = (await list.ListAsync(new ListTasks.Query(), 500, null, 0, Ct)).Items;
        var agency = Me.AgencyId;
        var rows = await db.Users.AsNoTracking().Where(u => u.AgencyId == agency)
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(Ct);
        Team = [.. rows.Select(r => (r.Id, r.DisplayName))];
    }
}
