using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Features.Agencies;
using ReferralFlow.Host.Features.Tasks;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Pages;

/// <summary>
/// 내 업무: my tasks and my agency's queue (<see cref="ListTasks"/>, overdue first), claim and unclaim in one click; each
/// list paged by <see cref="PageSize"/> with its own keyset cursor (deep pages are index walks, not offsets), so a busy
/// queue never hides tasks silently.
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

    /// <summary>The cursor of my tasks' page (query <c>ma</c>, the previous page's last task); absent on the first page.</summary>
    [BindProperty(SupportsGet = true, Name = "ma")]
    public string? MineAfter { get; set; }

    /// <summary>The cursor of the agency queue's page (query <c>qa</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "qa")]
    public string? QueueAfter { get; set; }

    /// <summary>The next pages' cursors, if there are more tasks.</summary>
    public string? MineNext { get; private set; }

    public string? QueueNext { get; private set; }

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
            return RedirectToPage(new { Overdue, Workflow, Dong, ma = MineAfter, qa = QueueAfter });
        }

        await TryAsync(LoadAsync);
        return Page();
    }

    private async Task LoadAsync()
    {
        var dong = string.IsNullOrWhiteSpace(Dong) ? null : Dong;
        var workflowKey = string.IsNullOrWhiteSpace(Workflow) ? null : Workflow;
        bool? overdue = Overdue ? true : null;
        var mine = await ListAsync(new ListTasks.Query(Mine: true, Overdue: overdue, WorkflowKey: workflowKey, Dong: dong), MineAfter);
        var queue = await ListAsync(new ListTasks.Query(Queue: true, Overdue: overdue, WorkflowKey: workflowKey, Dong: dong), QueueAfter);
        (Mine, MineTotal, Queue, QueueTotal) = (mine.Items, mine.Total ?? 0, queue.Items, queue.Total ?? 0);
        (MineCapped, QueueCapped) = (mine.TotalCapped, queue.TotalCapped);
        (MineNext, QueueNext) = (mine.NextCursor, queue.NextCursor);
        var district = Me.District;
        Workflows = [.. (await workflow.Definitions.Where(d => d.District == district).OrderBy(d => d.Name)
                .Select(d => new { d.Key, d.Name }).ToListAsync(Ct))
            .Select(d => (d.Key, d.Name))];
        Dongs = await dongs.HandleAsync(Ct);
    }

    /// <summary>The inbox address with the current filters and pages, one list's cursor replaced ("" for its first page).</summary>
    public string PageUrl(string? mineAfter = null, string? queueAfter = null) =>
        Url.Page("/Inbox", new
        {
            overdue = Overdue ? true : (bool?)null,
            workflow = Workflow,
            dong = Dong,
            ma = NullIfEmpty(mineAfter ?? MineAfter),
            qa = NullIfEmpty(queueAfter ?? QueueAfter),
        })!;

    /// <summary>The count as shown: "1,000+" when counting stopped at the cap.</summary>
    public static string TotalText(int total, bool capped) => capped ? $"{total:N0}+" : $"{total:N0}";

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private Task<Page<TaskItem>> ListAsync(ListTasks.Query query, string? after) =>
        list.ListAsync(query, PageSize, Paging.Read(after, 3), 0, Ct);
}
