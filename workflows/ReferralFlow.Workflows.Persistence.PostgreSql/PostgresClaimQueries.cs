using Microsoft.EntityFrameworkCore;

namespace ReferralFlow.Workflows.Persistence.PostgreSql;

/// <summary>PostgreSQL claims: <c>FOR UPDATE SKIP LOCKED</c>, so concurrent processes each take rows no other holds.</summary>
internal sealed class PostgresClaimQueries : IWorkflowClaimQueries
{
    public static PostgresClaimQueries Instance { get; } = new();

    public IQueryable<EscalationRecord> DueEscalations(WorkflowDbContext db, DateTimeOffset now, int batchSize) =>
        db.Escalations.FromSqlInterpolated(
            $"SELECT * FROM escalations WHERE status = 'Pending' AND due_at <= {now} ORDER BY due_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED");

    public IQueryable<OutboxMessageRecord> DueOutboxMessages(WorkflowDbContext db, DateTimeOffset now, int batchSize) =>
        db.Outbox.FromSqlInterpolated(
            $"SELECT * FROM outbox_messages WHERE status = 'Pending' AND next_attempt_at <= {now} ORDER BY next_attempt_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED");

    public IQueryable<TimerRecord> DueTimers(WorkflowDbContext db, DateTimeOffset now, int batchSize) =>
        db.Timers.FromSqlInterpolated(
            $"SELECT * FROM workflow_timers WHERE status = 'Pending' AND due_at <= {now} ORDER BY due_at LIMIT {batchSize} FOR UPDATE SKIP LOCKED");
}
