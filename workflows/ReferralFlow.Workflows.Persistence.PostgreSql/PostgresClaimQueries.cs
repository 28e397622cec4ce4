using Microsoft.EntityFrameworkCore;

namespace ReferralFlow.Workflows.Persistence.PostgreSql;

/// <summary>PostgreSQL claims: <c>FOR UPDATE SKIP LOCKED</c>, so concurrent processes each take rows no other holds.</summary>
internal sealed class PostgresClaimQueries : IWorkflowClaimQueries
{
    public static PostgresClaimQueries Instance { get; } = new();

    public IQueryable<EscalationRecord> DueEscalations(WorkflowDbContext db, DateTimeOffset now, int batchSize) =>
        db.Escalations.FromSqlInterpolated(
            $"SELECT * FROM escalations WHERE status = 'Pending' AND due_at <= {now} ORDER BY due_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED");

    // Due, or claimed by a process that no longer holds its advisory lock (ClaimHolder): its session ended, so it died or
    // lost the database, and its rows need not wait for the lease. pg_locks shows a bigint key as classid (high 32 bits)
    // and objid (low 32 bits) with objsubid 1. A row still named as claimed fell due before it was claimed, so before any
    // unclaimed row due now, though its next_attempt_at is its lease's end: claimed rows go first.
    public IQueryable<OutboxMessageRecord> DueOutboxMessages(WorkflowDbContext db, DateTimeOffset now, int batchSize) =>
        db.Outbox.FromSqlInterpolated($"""
            SELECT * FROM outbox_messages
            WHERE status = 'Pending' AND (next_attempt_at <= {now} OR (claimed_by IS NOT NULL AND claimed_by NOT IN (
                SELECT (l.classid::bigint << 32) | l.objid::bigint FROM pg_locks l
                WHERE l.locktype = 'advisory' AND l.objsubid = 1 AND l.granted
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))))
            ORDER BY claimed_by IS NULL, next_attempt_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED
            """);

    public IQueryable<TimerRecord> DueTimers(WorkflowDbContext db, DateTimeOffset now, int batchSize) =>
        db.Timers.FromSqlInterpolated(
            $"SELECT * FROM workflow_timers WHERE status = 'Pending' AND due_at <= {now} ORDER BY due_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED");
}
