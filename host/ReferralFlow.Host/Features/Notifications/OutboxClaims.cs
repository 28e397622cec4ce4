using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Notifications;

/// <summary>
/// The outbox rows' side of dispatching, each step its own short transaction. A claim takes due pending rows
/// (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL, so processes never take the same row), counts the attempt and moves
/// the next attempt past the lease, then commits; the attempt count is the claim's token. Recording an outcome or
/// releasing a row changes it only while that claim still holds, so a late process never overwrites a newer claim.
/// </summary>
public sealed partial class OutboxClaims(
    WorkflowDbContext workflow, UnitOfWork unitOfWork, DatabaseOptions database, IOptions<NotificationOptions> options, ILogger<OutboxClaims> logger)
{
    /// <summary>Claims up to a batch of due rows; the returned rows are detached copies as claimed.</summary>
    public Task<List<OutboxMessageRecord>> ClaimAsync(DateTimeOffset now, CancellationToken cancellationToken) => unitOfWork.ExecuteAsync(async ct =>
    {
        var batch = options.Value.BatchSize;
        var rows = database.Provider == DatabaseProvider.PostgreSql
            ? await workflow.Outbox
                .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE status = 'Pending' AND next_attempt_at <= {now} ORDER BY next_attempt_at LIMIT {batch} FOR UPDATE SKIP LOCKED")
                .ToListAsync(ct)
            : await workflow.Outbox.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
                .OrderBy(m => m.NextAttemptAt).Take(batch).ToListAsync(ct);
        var claimed = new List<OutboxMessageRecord>(rows.Count);
        foreach (var row in rows)
        {
            // The copy keeps the due time the row had, for a release; its attempt count is the claim's token.
            var copy = Copy(row);
            copy.Attempts = ++row.Attempts;
            row.NextAttemptAt = now + options.Value.ClaimLease;
            claimed.Add(copy);
        }

        return claimed;
    }, cancellationToken);

    public async Task RecordSentAsync(OutboxMessageRecord message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = await Claimed(message).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sent)
            .SetProperty(m => m.SentAt, now)
            .SetProperty(m => m.LastError, (string?)null), cancellationToken);
        if (changed == 0)
        {
            LogClaimLost(logger, message.Id);
        }
    }

    /// <summary>Backs off exponentially, or marks the row Failed when the error is permanent or attempts are used up.</summary>
    public async Task RecordFailureAsync(OutboxMessageRecord message, DateTimeOffset now, string error, bool permanent, CancellationToken cancellationToken)
    {
        var lastError = error.Length > 2000 ? error[..2000] : error;
        var attempts = message.Attempts;
        var failed = permanent || attempts >= options.Value.MaxAttempts;
        var backoff = TimeSpan.FromTicks(Math.Min(options.Value.MaxBackoff.Ticks, options.Value.BaseBackoff.Ticks * (1L << Math.Min(attempts - 1, 20))));
        var status = failed ? OutboxStatus.Failed : OutboxStatus.Pending;
        var next = failed ? message.NextAttemptAt : now + backoff;
        var changed = await Claimed(message).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, lastError), cancellationToken);
        if (changed == 0)
        {
            LogClaimLost(logger, message.Id);
        }
        else if (failed)
        {
            LogGaveUp(logger, message.Id, attempts, error);
        }
        else
        {
            LogRetry(logger, message.Id, attempts, backoff, error);
        }
    }

    /// <summary>Gives unsent rows back as they were before the claim (attempt count and due time).</summary>
    public async Task ReleaseAsync(IEnumerable<OutboxMessageRecord> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            var attempts = message.Attempts - 1;
            var due = message.NextAttemptAt;
            await Claimed(message).ExecuteUpdateAsync(s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, due), cancellationToken);
        }
    }

    private IQueryable<OutboxMessageRecord> Claimed(OutboxMessageRecord message) =>
        workflow.Outbox.Where(m => m.Id == message.Id && m.Attempts == message.Attempts && m.Status == OutboxStatus.Pending);

    private static OutboxMessageRecord Copy(OutboxMessageRecord row) => new()
    {
        Id = row.Id,
        InstanceId = row.InstanceId,
        NodeId = row.NodeId,
        Type = row.Type,
        To = row.To,
        Template = row.Template,
        IdempotencyKey = row.IdempotencyKey,
        CreatedAt = row.CreatedAt,
        Attempts = row.Attempts,
        Status = row.Status,
        NextAttemptAt = row.NextAttemptAt,
        DataJson = row.DataJson,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} failed for good after {Attempts} attempt(s): {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid messageId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} attempt {Attempts} failed, retrying in {Backoff}: {Error}")]
    private static partial void LogRetry(ILogger logger, Guid messageId, int attempts, TimeSpan backoff, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId}: its claim expired before the outcome was recorded; another run has it now")]
    private static partial void LogClaimLost(ILogger logger, Guid messageId);
}
