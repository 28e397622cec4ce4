namespace ReferralFlow.Workflows.Persistence.Sqlite;

/// <summary>SQLite claims: plain queries, since SQLite has one writer at a time and the claiming transaction itself serialises claimers.</summary>
internal sealed class SqliteClaimQueries : IWorkflowClaimQueries
{
    public static SqliteClaimQueries Instance { get; } = new();

    public IQueryable<EscalationRecord> DueEscalations(WorkflowDbContext db, DateTimeOffset now, int batchSize) =>
        db.Escalations.Where(e => e.Status == EscalationStatus.Pending && e.DueAt <= now).OrderBy(e => e.DueAt).Take(batchSize);

    public IQueryable<OutboxMessageRecord> DueOutboxMessages(WorkflowDbContext db, DateTimeOffset now, int batchSize) =>
        db.Outbox.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now).OrderBy(m => m.NextAttemptAt).Take(batchSize);

    public IQueryable<TimerRecord> DueTimers(WorkflowDbContext db, DateTimeOffset now, int batchSize) =>
        db.Timers.Where(t => t.Status == TimerStatus.Pending && t.DueAt <= now).OrderBy(t => t.DueAt).Take(batchSize);
}
