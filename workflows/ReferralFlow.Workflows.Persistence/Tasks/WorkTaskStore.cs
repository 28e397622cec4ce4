using Microsoft.EntityFrameworkCore;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// The changes a host makes to task rows outside the interpreter (claim, assign, return, hand over, cancel reasons).
/// Rows read through <see cref="ForUpdate"/> are tracked; the changes are saved with the caller's unit of work or by
/// <see cref="SaveAsync"/>. <see cref="WorkTaskRecord.Revision"/> is the concurrency token: the caller increments it.
/// </summary>
public sealed class WorkTaskStore(WorkflowDbContext db)
{
    /// <summary>Task rows loaded for update (tracked).</summary>
    public IQueryable<WorkTaskRecord> ForUpdate => db.Tasks;

    /// <summary>
    /// Takes an open task at <paramref name="revision"/> for its completion: sets the assignee and bumps the revision in
    /// one statement, which locks the row until the caller's transaction ends. False when the row changed or closed meanwhile.
    /// </summary>
    /// <param name="taskRowId">The task row.</param>
    /// <param name="revision">The revision the caller checked.</param>
    /// <param name="assignee">Who completes it.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    public async Task<bool> TakeForCompletionAsync(Guid taskRowId, int revision, string assignee, CancellationToken cancellationToken = default) =>
        await db.Tasks.Where(t => t.Id == taskRowId && t.Revision == revision && t.Status == WorkTaskStatus.Open)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, assignee).SetProperty(t => t.Revision, t => t.Revision + 1), cancellationToken) > 0;

    /// <summary>Records why each of an instance's tasks was cancelled (instance-local task id → reason); saved with the caller.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="reasons">The reasons by task id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task SetCancelReasonsAsync(Guid instanceId, IReadOnlyDictionary<int, string> reasons, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        var taskIds = reasons.Keys.ToList();
        foreach (var task in await db.Tasks.Where(t => t.InstanceId == instanceId && taskIds.Contains(t.TaskId)).ToListAsync(cancellationToken))
        {
            task.CancelReason = reasons[task.TaskId];
            task.Revision++;
        }
    }

    /// <summary>Saves the tracked changes (and anything appended to the <see cref="WorkflowJournal"/>).</summary>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <exception cref="DbUpdateConcurrencyException">A task changed meanwhile; see <see cref="RevisionAfterConflictAsync"/>.</exception>
    public Task SaveAsync(CancellationToken cancellationToken = default) => db.SaveChangesAsync(cancellationToken);

    /// <summary>After a lost update: forgets the pending changes and returns the stored revision of a conflicting task, or null when it is gone.</summary>
    /// <param name="conflict">The exception <see cref="SaveAsync"/> threw.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<int?> RevisionAfterConflictAsync(DbUpdateConcurrencyException conflict, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        db.ChangeTracker.Clear();
        var ids = conflict.Entries.Select(e => e.Entity).OfType<WorkTaskRecord>().Select(t => t.Id).ToList();
        return await db.Tasks.AsNoTracking().Where(t => ids.Contains(t.Id)).Select(t => (int?)t.Revision).FirstOrDefaultAsync(cancellationToken);
    }
}
