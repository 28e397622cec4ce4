using Microsoft.EntityFrameworkCore;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>The three kinds of rows that fall due: timers, escalation levels and outbox messages.</summary>
public enum DueWorkKind
{
    /// <summary>Pending timer rows (<see cref="TimerRecord.DueAt"/>).</summary>
    Timers,
    /// <summary>Pending escalation levels (<see cref="EscalationRecord.DueAt"/>).</summary>
    Escalations,
    /// <summary>Pending outbox messages (<see cref="OutboxMessageRecord.NextAttemptAt"/>).</summary>
    Outbox,
}

/// <summary>The earliest pending instant of each kind; null when none is pending.</summary>
/// <param name="Timers">The earliest pending timer.</param>
/// <param name="Escalations">The earliest pending escalation level.</param>
/// <param name="Outbox">The earliest next attempt of a pending message.</param>
public sealed record NextDue(DateTimeOffset? Timers, DateTimeOffset? Escalations, DateTimeOffset? Outbox)
{
    /// <summary>The instant of one kind.</summary>
    /// <param name="kind">The kind.</param>
    public DateTimeOffset? this[DueWorkKind kind] => kind switch
    {
        DueWorkKind.Timers => Timers,
        DueWorkKind.Escalations => Escalations,
        _ => Outbox,
    };
}

/// <summary>
/// Tells a scheduler when the next row falls due, so it can sleep until then instead of polling: one query per kind,
/// each reading the first entry of its <c>(status, due)</c> index.
/// </summary>
public sealed class DueSchedule(WorkflowDbContext db)
{
    /// <summary>The earliest pending instant of each kind.</summary>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task<NextDue> NextAsync(CancellationToken cancellationToken = default)
    {
        var timers = await db.Timers.AsNoTracking().Where(t => t.Status == TimerStatus.Pending)
            .OrderBy(t => t.DueAt).Select(t => (DateTimeOffset?)t.DueAt).FirstOrDefaultAsync(cancellationToken);
        var escalations = await db.Escalations.AsNoTracking().Where(e => e.Status == EscalationStatus.Pending)
            .OrderBy(e => e.DueAt).Select(e => (DateTimeOffset?)e.DueAt).FirstOrDefaultAsync(cancellationToken);
        var outbox = await db.Outbox.AsNoTracking().Where(m => m.Status == OutboxStatus.Pending)
            .OrderBy(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
        return new NextDue(timers, escalations, outbox);
    }
}
