using Microsoft.EntityFrameworkCore;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>How an outbox dispatcher retries: attempts, exponential back-off, and how long a claim reserves its rows.</summary>
/// <param name="BatchSize">Most rows one claim takes.</param>
/// <param name="MaxAttempts">Attempts after which a failing message is marked <see cref="OutboxStatus.Failed"/>.</param>
/// <param name="BaseBackoff">The wait after the first failure; doubled after each further one.</param>
/// <param name="MaxBackoff">The longest wait.</param>
/// <param name="ClaimLease">How long a claimed row is reserved; a process that died mid-batch frees it after this.</param>
public sealed record OutboxRetryPolicy(int BatchSize, int MaxAttempts, TimeSpan BaseBackoff, TimeSpan MaxBackoff, TimeSpan ClaimLease)
{
    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt.</summary>
    /// <param name="attempts">Attempts made so far (1-based).</param>
    public TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, BaseBackoff.Ticks * (1L << Math.Min(Math.Max(attempts - 1, 0), 20))));
}

/// <summary>What recording a failed attempt did.</summary>
/// <param name="Outcome">Retrying, failed for good, or nothing because the claim was lost.</param>
/// <param name="Backoff">The wait before the next attempt, when retrying.</param>
public sealed record OutboxFailureRecorded(OutboxFailureOutcome Outcome, TimeSpan Backoff);

/// <summary>The three results of <see cref="OutboxClaims.RecordFailureAsync"/>.</summary>
public enum OutboxFailureOutcome
{
    /// <summary>The message waits for its next attempt.</summary>
    Retrying,
    /// <summary>The message is marked <see cref="OutboxStatus.Failed"/>: a permanent error or no attempts left.</summary>
    Failed,
    /// <summary>The claim had expired and another run holds the row; nothing was changed.</summary>
    ClaimLost,
}

/// <summary>
/// The outbox rows' side of dispatching, each step its own short transaction. A claim takes due pending rows (locked so
/// concurrent processes never take the same row), counts the attempt and moves the next attempt past the lease, then
/// commits; the attempt count is the claim's token. Recording an outcome or releasing a row changes it only while that
/// claim still holds, so a late process never overwrites a newer claim.
/// </summary>
/// <param name="db">The context.</param>
/// <param name="holder">This process, named on its claims while it can be told alive (see <see cref="ClaimHolder"/>).</param>
public sealed class OutboxClaims(WorkflowDbContext db, ClaimHolder? holder = null)
{
    /// <summary>Claims up to a batch of due rows in a transaction of its own; the returned rows are detached copies as claimed.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="policy">Batch size and lease.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    public async Task<List<OutboxMessageRecord>> ClaimAsync(DateTimeOffset now, OutboxRetryPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(policy);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var rows = await db.ClaimQueries().DueOutboxMessages(db, now, policy.BatchSize).ToListAsync(cancellationToken);
            var claimed = new List<OutboxMessageRecord>(rows.Count);
            foreach (var row in rows)
            {
                // The copy keeps the due time the row had, for a release; its attempt count is the claim's token.
                var copy = Copy(row);
                copy.Attempts = ++row.Attempts;
                row.NextAttemptAt = now + policy.ClaimLease;
                row.ClaimedBy = holder is { IsHeld: true } ? holder.Key : null;
                claimed.Add(copy);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return claimed;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// A claim's heartbeat: the rows of <paramref name="messages"/> this claim still holds (pending, with the claim's
    /// attempt count as token) are reserved until <paramref name="until"/>. A process that dies stops extending, so its
    /// rows come back one lease after its last heartbeat, not after the longest a batch could take. A row another claim
    /// took after the lease ran out carries that claim's attempt count, so it is not extended.
    /// </summary>
    /// <param name="messages">The claimed copies not handled yet.</param>
    /// <param name="until">The new end of the lease.</param>
    /// <param name="cancellationToken">Cancels the updates.</param>
    /// <returns>How many rows were extended; fewer than given means the claim on the others was lost.</returns>
    public async Task<int> ExtendAsync(IReadOnlyCollection<OutboxMessageRecord> messages, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var extended = 0;
        // One statement per attempt count (a batch has one or a few), not one per row.
        foreach (var token in messages.GroupBy(m => m.Attempts))
        {
            var attempts = token.Key;
            var ids = token.Select(m => m.Id).ToList();
            extended += await db.Outbox.Where(m => ids.Contains(m.Id) && m.Attempts == attempts && m.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, until), cancellationToken);
        }

        return extended;
    }

    /// <summary>Marks a claimed message sent; false when its claim was lost meanwhile.</summary>
    /// <param name="message">The claimed copy.</param>
    /// <param name="now">When it was sent.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    public async Task<bool> RecordSentAsync(OutboxMessageRecord message, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await Claimed(message).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sent)
            .SetProperty(m => m.SentAt, now)
            .SetProperty(m => m.LastError, (string?)null), cancellationToken) > 0;

    /// <summary>
    /// Marks a claimed message <see cref="OutboxStatus.NotMailed"/>: nobody it was meant for wants it by email. It is
    /// neither retried nor shown as failed; <paramref name="reason"/> is kept (up to 2000 characters) for operators.
    /// </summary>
    /// <param name="message">The claimed copy.</param>
    /// <param name="reason">Why it was not mailed.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>False when the claim was lost meanwhile.</returns>
    public async Task<bool> RecordNotMailedAsync(OutboxMessageRecord message, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var note = reason.Length > 2000 ? reason[..2000] : reason;
        return await Claimed(message).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.NotMailed)
            .SetProperty(m => m.LastError, note), cancellationToken) > 0;
    }

    /// <summary>Backs off exponentially, or marks the row Failed when the error is permanent or attempts are used up.</summary>
    /// <param name="message">The claimed copy.</param>
    /// <param name="now">When the attempt failed.</param>
    /// <param name="error">The error, kept (up to 2000 characters) for operators.</param>
    /// <param name="permanent">Whether retrying cannot help.</param>
    /// <param name="policy">Attempts and back-off.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    public async Task<OutboxFailureRecorded> RecordFailureAsync(
        OutboxMessageRecord message, DateTimeOffset now, string error, bool permanent, OutboxRetryPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(policy);
        var lastError = error.Length > 2000 ? error[..2000] : error;
        var failed = permanent || message.Attempts >= policy.MaxAttempts;
        var backoff = policy.Backoff(message.Attempts);
        var status = failed ? OutboxStatus.Failed : OutboxStatus.Pending;
        var next = failed ? message.NextAttemptAt : now + backoff;
        var changed = await Claimed(message).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.ClaimedBy, (long?)null)
            .SetProperty(m => m.LastError, lastError), cancellationToken);
        return new(changed == 0 ? OutboxFailureOutcome.ClaimLost : failed ? OutboxFailureOutcome.Failed : OutboxFailureOutcome.Retrying, backoff);
    }

    /// <summary>
    /// Records an attempt that failed because the server was unreachable, not because of the message: the row keeps the
    /// attempt and its error and waits until <paramref name="retryAt"/> (the mail circuit breaker's next probe) instead
    /// of backing off on its own; it is marked Failed only when its attempts are used up.
    /// </summary>
    /// <param name="message">The claimed copy.</param>
    /// <param name="error">The error, kept (up to 2000 characters) for operators.</param>
    /// <param name="retryAt">When it is due again.</param>
    /// <param name="policy">Attempts.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    public async Task<OutboxFailureOutcome> DeferAsync(
        OutboxMessageRecord message, string error, DateTimeOffset retryAt, OutboxRetryPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(policy);
        var lastError = error.Length > 2000 ? error[..2000] : error;
        var failed = message.Attempts >= policy.MaxAttempts;
        var status = failed ? OutboxStatus.Failed : OutboxStatus.Pending;
        var changed = await Claimed(message).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, status)
            .SetProperty(m => m.NextAttemptAt, retryAt)
            .SetProperty(m => m.ClaimedBy, (long?)null)
            .SetProperty(m => m.LastError, lastError), cancellationToken);
        return changed == 0 ? OutboxFailureOutcome.ClaimLost : failed ? OutboxFailureOutcome.Failed : OutboxFailureOutcome.Retrying;
    }

    /// <summary>Gives unsent rows back as they were before the claim (attempt count and due time).</summary>
    /// <param name="messages">The claimed copies.</param>
    /// <param name="cancellationToken">Cancels the updates.</param>
    public async Task ReleaseAsync(IEnumerable<OutboxMessageRecord> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        foreach (var message in messages)
        {
            var attempts = message.Attempts - 1;
            var due = message.NextAttemptAt;
            await Claimed(message).ExecuteUpdateAsync(
                s => s.SetProperty(m => m.Attempts, attempts).SetProperty(m => m.NextAttemptAt, due).SetProperty(m => m.ClaimedBy, (long?)null), cancellationToken);
        }
    }

    /// <summary>Puts a failed message back in the queue with fresh attempts; returns the status it had, or null when there is no such message.</summary>
    /// <param name="id">The message.</param>
    /// <param name="now">When it becomes due.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    public async Task<OutboxStatus?> RetryFailedAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var message = await db.Outbox.SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null || message.Status != OutboxStatus.Failed)
        {
            return message?.Status;
        }

        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = now;
        message.ClaimedBy = null;
        await db.SaveChangesAsync(cancellationToken);
        return OutboxStatus.Failed;
    }

    private IQueryable<OutboxMessageRecord> Claimed(OutboxMessageRecord message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return db.Outbox.Where(m => m.Id == message.Id && m.Attempts == message.Attempts && m.Status == OutboxStatus.Pending);
    }

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
}
