using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Features.Agencies;
using ReferralFlow.Host.Features.Tasks;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Pages;

/// <summary>
/// 내 업무: my tasks and my agency's queue (<see cref="ListTasks"/>, overdue first), claim and unclaim in one click; each
/// list paged by <see cref="PageSize"/> with its own page number, so a busy queue never hides tasks silently.
/// </summary>
public sealed class InboxModel(UiContext ui, ListTasks list, ClaimTask claim, UnclaimTask unclaim, ListDistrictDongs dongs, WorkflowReadModel workflow) : UiPage(ui)
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Workflow { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Dong { get; set; }

    /// <summary>Page of my tasks (1-based, query <c>mp</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "mp")]
    public int MinePage { get; set; } = 1;

    /// <summary>Page of the agency queue (1-based, query <c>qp</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "qp")]
    public int QueuePage { get; set; } = 1;

    public int MineTotal { get; private set; }

    public int QueueTotal { get; private set; }

    /// <summary>True when counting stopped at the cap: more than <see cref="MineTotal"/> / <see cref="QueueTotal"/>.</summary>
    public bool MineCapped { get; private set; }

    public bool QueueCapped { get; private set; }

    public IReadOnlyList<TaskItem> Mine { get; private set; } = [];

    public IReadOnlyList<TaskItem> Queue { get; private set; } = [];

    /// <summary>Published and draft workflows by key, with their names for the filter.</summary>
    public IReadOnlyList<(string Key, string Name)> Workflows { get; private set; } = [];

    public IReadOnlyList<string> Dongs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var failed = await TryAsync(LoadAsync);
        return failed ?? Page();
    }

    public async Task<IActionResult> OnPostClaimAsync(Guid id, int? version) =>
        await ActAsync(() => claim.HandleAsync(id, new ClaimTask.Request(version), Ct), "Inbox.Claimed");

    public async Task<IActionResult> OnPostUnclaimAsync(Guid id, int? version) =>
        await ActAsync(() => unclaim.HandleAsync(id, new UnclaimTask.Request(version), Ct), "Inbox.Unclaimed");

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
            return RedirectToPage(new { Overdue, Workflow, Dong, mp = MinePage, qp = QueuePage });
        }

        await TryAsync(LoadAsync);
        return Page();
    }

    private async Task LoadAsync()
    {
        var dong = string.IsNullOrWhiteSpace(Dong) ? null : Dong;
        var workflowKey = string.IsNullOrWhiteSpace(Workflow) ? null : Workflow;
        MinePage = Math.Max(1, MinePage);
        QueuePage = Math.Max(1, QueuePage);
        bool? overdue = Overdue ? true : null;
        var mine = await ListAsync(new ListTasks.Query(Mine: true, Overdue: overdue, WorkflowKey: workflowKey, Dong: dong), MinePage);
        var queue = await ListAsync(new ListTasks.Query(Queue: true, Overdue: overdue, WorkflowKey: workflowKey, Dong: dong), QueuePage);
        (Mine, MineTotal, Queue, QueueTotal) = (mine.Items, mine.Total ?? 0, queue.Items, queue.Total ?? 0);
        (MineCapped, QueueCapped) = (mine.TotalCapped, queue.TotalCapped);
        var district = Me.District;
        Workflows = [.. (await workflow.Definitions.Where(d => d.District == district).OrderBy(d => d.Name)
                .Select(d => new { d.Key, d.Name }).ToListAsync(Ct))
            .Select(d => (d.Key, d.Name))];
        Dongs = await dongs.HandleAsync(Ct);
    }

    /// <summary>The inbox address with the current filters and pages, one page number replaced.</summary>
    public string PageUrl(int? minePage = null, int? queuePage = null) =>
        Url.Page("/Inbox", new { overdue = Overdue ? true : (bool?)null, workflow = Workflow, dong = Dong, mp = minePage ?? MinePage, qp = queuePage ?? QueuePage })!;

    // The pages keep numbered pages (the pager shows "51–100 / 120"); the API pages the same list by cursor.
    private Task<Page<TaskItem>> ListAsync(ListTasks.Query query, int page) =>
        list.ListAsync(query, PageSize, null, (page - 1) * PageSize, Ct);
}
