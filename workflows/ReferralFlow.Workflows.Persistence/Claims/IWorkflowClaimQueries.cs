namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// The provider-specific half of batch claims: queries that pick due rows and lock them for the caller's transaction so
/// concurrent processes never pick the same row. A provider project supplies it with its <c>UseWorkflowXxx</c> call
/// (<see cref="WorkflowClaimOptions.UseWorkflowClaimQueries"/>); <see cref="EscalationClaims"/> and
/// <see cref="OutboxClaims"/> use it.
/// </summary>
public interface IWorkflowClaimQueries
{
    /// <summary>Pending escalation levels due at <paramref name="now"/>, oldest first, at most <paramref name="batchSize"/>, locked until commit.</summary>
    /// <param name="db">The context whose transaction holds the lock.</param>
    /// <param name="now">The current time.</param>
    /// <param name="batchSize">Most rows to return.</param>
    IQueryable<EscalationRecord> DueEscalations(WorkflowDbContext db, DateTimeOffset now, int batchSize);

    /// <summary>Pending outbox messages whose next attempt is due, oldest first, at most <paramref name="batchSize"/>, locked until commit.</summary>
    /// <param name="db">The context whose transaction holds the lock.</param>
    /// <param name="now">The current time.</param>
    /// <param name="batchSize">Most rows to return.</param>
    IQueryable<OutboxMessageRecord> DueOutboxMessages(WorkflowDbContext db, DateTimeOffset now, int batchSize);

    /// <summary>Pending timers due at <paramref name="now"/>, oldest first, at most <paramref name="batchSize"/>, locked until commit.</summary>
    /// <param name="db">The context whose transaction holds the lock.</param>
    /// <param name="now">The current time.</param>
    /// <param name="batchSize">Most rows to return.</param>
    IQueryable<TimerRecord> DueTimers(WorkflowDbContext db, DateTimeOffset now, int batchSize);
}
