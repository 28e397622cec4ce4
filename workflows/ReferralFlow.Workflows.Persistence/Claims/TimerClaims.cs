using Microsoft.EntityFrameworkCore;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// Due timers, one at a time, each in the caller's transaction: <see cref="ClaimNextDueAsync"/> locks the oldest due
/// timer nobody else holds (on PostgreSQL <c>FOR UPDATE SKIP LOCKED</c>), the caller fires it with
/// <see cref="WorkflowRuntime.FireTimerAsync"/> in the same transaction, and the lock ends with it — also when the
/// process dies, so no lock outlives its holder and several processes fire timers side by side, none twice.
/// </summary>
public sealed class TimerClaims(WorkflowDbContext db)
{
    /// <summary>Locks and returns the oldest pending timer due at <paramref name="now"/> that no other transaction holds; null when none.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<TimerRecord?> ClaimNextDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Timers are claimed inside the caller's transaction.");
        }

        var rows = await db.ClaimQueries().DueTimers(db, now, 1).AsNoTracking().ToListAsync(cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    /// <summary>
    /// Closes a pending timer its instance no longer knows (the instance ended or was removed): it can never fire, and
    /// left pending it would stay due for ever.
    /// </summary>
    /// <param name="timerRowId">The <see cref="TimerRecord.Id"/>.</param>
    /// <param name="now">When it was closed.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    public Task<int> CloseStaleAsync(Guid timerRowId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        db.Timers.Where(t => t.Id == timerRowId && t.Status == TimerStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, TimerStatus.Cancelled).SetProperty(t => t.ClosedAt, now), cancellationToken);
}
