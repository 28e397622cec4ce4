using Microsoft.EntityFrameworkCore;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>A claimed escalation level with its task row (null when the row is gone); both tracked for the batch's transaction.</summary>
/// <param name="Escalation">The level.</param>
/// <param name="Task">The task row, or null.</param>
public sealed record ClaimedEscalation(EscalationRecord Escalation, WorkTaskRecord? Task);

/// <summary>
/// Due escalation levels in batches. Call <see cref="ClaimDueAsync"/> inside the caller's transaction: the rows stay
/// locked (on PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>, so several processes share the work and none handles a level
/// twice) until it commits; <see cref="Cancel"/> and <see cref="Escalate"/> change the tracked rows, saved with it.
/// </summary>
public sealed class EscalationClaims(WorkflowDbContext db)
{
    /// <summary>Claims up to <paramref name="batchSize"/> pending levels due at <paramref name="now"/>, with their task rows.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="batchSize">Most levels to claim.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<IReadOnlyList<ClaimedEscalation>> ClaimDueAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Escalations are claimed inside the caller's transaction.");
        }

        var due = await db.ClaimQueries().DueEscalations(db, now, batchSize).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }

        var taskIds = due.Select(e => e.TaskRowId).Distinct().ToList();
        var tasks = await db.Tasks.Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        return [.. due.Select(e => new ClaimedEscalation(e, tasks.GetValueOrDefault(e.TaskRowId)))];
    }

    /// <summary>
    /// Saves the batch's changes inside the caller's transaction. When a task was changed by someone else meanwhile (a
    /// worker claimed it while its level was being written), the save rolls back to just before itself — the batch's
    /// claims stay held — and the change tracker is cleared; the conflicting task rows' ids are returned so the caller
    /// can <see cref="ReloadAsync">reload</see> the batch and redo it, the conflicting levels on fresh task rows.
    /// </summary>
    /// <param name="cancellationToken">Cancels the save.</param>
    /// <returns>The ids of the task rows that conflicted; empty when the save succeeded.</returns>
    public async Task<IReadOnlyList<Guid>> TrySaveAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return [];
        }
        catch (DbUpdateConcurrencyException ex)
        {
            var conflicts = ex.Entries.Select(e => e.Entity).OfType<WorkTaskRecord>().Select(t => t.Id).Distinct().ToList();
            if (conflicts.Count == 0)
            {
                throw;
            }

            db.ChangeTracker.Clear();
            return conflicts;
        }
    }

    /// <summary>Reads claimed levels again (still locked by the caller's transaction) with fresh task rows, after a conflict.</summary>
    /// <param name="escalationIds">The levels to read.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<IReadOnlyList<ClaimedEscalation>> ReloadAsync(IReadOnlyCollection<Guid> escalationIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(escalationIds);
        var levels = await db.Escalations.Where(e => escalationIds.Contains(e.Id) && e.Status == EscalationStatus.Pending).OrderBy(e => e.DueAt).ToListAsync(cancellationToken);
        var taskIds = levels.Select(e => e.TaskRowId).Distinct().ToList();
        var tasks = await db.Tasks.Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, cancellationToken);
        return [.. levels.Select(e => new ClaimedEscalation(e, tasks.GetValueOrDefault(e.TaskRowId)))];
    }

    /// <summary>Marks the level processed without effect: its task left the queue.</summary>
    /// <param name="claimed">The claimed level.</param>
    /// <param name="now">When it was processed.</param>
    public static void Cancel(ClaimedEscalation claimed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        claimed.Escalation.ProcessedAt = now;
        claimed.Escalation.Status = EscalationStatus.Cancelled;
    }

    /// <summary>Marks the level done and raises its task's escalation level, offering it back to the queue when asked.</summary>
    /// <param name="claimed">The claimed level; its task must be present.</param>
    /// <param name="now">When it was processed.</param>
    /// <param name="reofferToQueue">Whether the level takes the task from its assignee.</param>
    public static void Escalate(ClaimedEscalation claimed, DateTimeOffset now, bool reofferToQueue)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var task = claimed.Task ?? throw new InvalidOperationException("The escalation's task row is gone.");
        claimed.Escalation.ProcessedAt = now;
        claimed.Escalation.Status = EscalationStatus.Done;
        task.EscalationLevel = Math.Max(task.EscalationLevel, claimed.Escalation.Level);
        if (reofferToQueue)
        {
            task.Assignee = null;
        }

        task.Revision++;
    }

    /// <summary>Marks the level done without touching its task (a level its policy no longer has).</summary>
    /// <param name="claimed">The claimed level.</param>
    /// <param name="now">When it was processed.</param>
    public static void Skip(ClaimedEscalation claimed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        claimed.Escalation.ProcessedAt = now;
        claimed.Escalation.Status = EscalationStatus.Done;
    }
}
