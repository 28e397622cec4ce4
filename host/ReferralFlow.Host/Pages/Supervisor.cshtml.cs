using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Tasks;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Pages;

/// <summary>
/// The supervisor's view: the team's open and overdue tasks, paged by the task list's keyset cursor, and handover of a
/// leaving worker's tasks (<see cref="HandOverTasks"/>).
/// </summary>
public sealed class SupervisorModel(UiContext ui, ListTasks list, HandOverTasks handOver, ReferralFlowDbContext db) : UiPage(ui)
{
    public const int PageSize = 50;

    public IReadOnlyList<TaskItem> Tasks { get; private set; } = [];

    /// <summary>The cursor of the page (query <c>after</c>, the previous page's last task); absent on the first page.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>The next page's cursor, if there is one.</summary>
    public string? NextCursor { get; private set; }

    /// <summary>The team's open tasks as counted ("1,000+" when counting stopped at the cap).</summary>
    public string TotalText { get; private set; } = "0";

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
        var page = await list.ListAsync(new ListTasks.Query(), PageSize, Paging.Read(After, 3), 0, Ct);
        (Tasks, NextCursor) = (page.Items, page.NextCursor);
        TotalText = page.TotalCapped ? $"{page.Total:N0}+" : $"{page.Total ?? page.Items.Count:N0}";
        var agency = Me.AgencyId;
        var rows = await db.Users.AsNoTracking().Where(u => u.AgencyId == agency)
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(Ct);
        Team = [.. rows.Select(r => (r.Id, r.DisplayName))];
    }

    /// <summary>This page's address on another page (null: the first).</summary>
    public string PageUrl(string? after) => Url.Page("/Supervisor", new { after })!;
}
