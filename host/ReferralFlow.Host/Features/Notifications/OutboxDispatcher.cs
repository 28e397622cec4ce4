using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Notifications.MailKit;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Notifications;

/// <summary>
/// Sends pending outbox messages in batches. Rows are claimed inside a transaction (<c>FOR UPDATE SKIP LOCKED</c> on
/// PostgreSQL) so processes never send the same row concurrently; a failure backs off exponentially; a permanent failure,
/// or too many attempts, marks the row Failed (visible to operators) — nothing is dropped silently. When the SMTP server
/// is down the batch stops at the first failure and the rest wait for the next run.
/// </summary>
public sealed partial class OutboxDispatcher(
    WorkflowDbContext workflow, ReferralFlowDbContext host, UnitOfWork unitOfWork, DatabaseOptions database, RecipientResolver recipients,
    IMailTransport transport, IOptions<MailOptions> mail, IOptions<NotificationOptions> options, TimeProvider time, ILogger<OutboxDispatcher> logger)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        for (var batch = 0; batch < 50; batch++)
        {
            var (claimed, delivered, stop) = await RunBatchAsync(cancellationToken);
            sent += delivered;
            if (stop || claimed < options.Value.BatchSize)
            {
                break;
            }
        }

        return sent;
    }

    private Task<(int Claimed, int Delivered, bool Stop)> RunBatchAsync(CancellationToken cancellationToken) => unitOfWork.ExecuteAsync(async ct =>
    {
        var now = time.GetUtcNow();
        var messages = await ClaimAsync(now, ct);
        var delivered = 0;
        IMailSession? session = null;
        try
        {
            foreach (var message in messages)
            {
                message.Attempts++;
                try
                {
                    await DeliverAsync(async () => session ??= await transport.OpenAsync(ct), message, now, ct);
                    message.Status = OutboxStatus.Sent;
                    message.SentAt = now;
                    message.LastError = null;
                    delivered++;
                }
                catch (MailDeliveryException ex)
                {
                    Fail(message, now, ex.Message, ex.Permanent);
                    if (!ex.Permanent)
                    {
                        // The server is unreachable: the rest of the batch waits for the next run, untouched.
                        return (messages.Count, delivered, true);
                    }
                }
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }

        return (messages.Count, delivered, false);
    }, cancellationToken);

    private Task<List<OutboxMessageRecord>> ClaimAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var batch = options.Value.BatchSize;
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            return workflow.Outbox
                .FromSqlInterpolated($"SELECT * FROM outbox_messages WHERE status = 'Pending' AND next_attempt_at <= {now} ORDER BY next_attempt_at LIMIT {batch} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken);
        }

        return workflow.Outbox.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).Take(batch).ToListAsync(cancellationToken);
    }

    // Recipients are resolved before a connection is opened: a message nobody can receive fails for good even while
    // the SMTP server is down. The batch's session is opened on first use and shared by the rest of the batch.
    private async Task DeliverAsync(Func<Task<IMailSession>> session, OutboxMessageRecord message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var mailboxes = await recipients.ResolveAsync(message, cancellationToken);
        if (mailboxes.Count == 0)
        {
            throw new MailDeliveryException($"No mailbox for recipient '{message.To}'.", permanent: true);
        }

        var open = await session();

        var agencyName = await AgencyNameAsync(message, cancellationToken);
        var data = message.DataJson ?? await ReferralDataAsync(message.InstanceId, cancellationToken);
        // One message per language, so each recipient reads it in their own.
        foreach (var group in mailboxes.GroupBy(m => m.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "ko"))
        {
            var (subject, body) = MessageTemplates.Render(message.Template, data, group.Key, mail.Value.PublicBaseUrl, now, agencyName);
            var messageId = $"{message.Id:N}.{group.Key}@referralflow";
            await open.SendAsync(new OutgoingMessage(messageId, [.. group.Select(m => (m.Name, m.Address))], subject, body), cancellationToken);
        }
    }

    /// <summary>
    /// A workflow's send task (<c>rf:type</c> notify-referrer and the like) knows only its instance: the message names
    /// the referral (number and link) so the recipient knows which case it is about.
    /// </summary>
    private async Task<string?> ReferralDataAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var referral = await host.Referrals.AsNoTracking().Where(r => r.InstanceId == instanceId)
            .Select(r => new { referralId = r.Id, referralNumber = r.Number }).SingleOrDefaultAsync(cancellationToken);
        return referral is null ? null : System.Text.Json.JsonSerializer.Serialize(referral);
    }

    private async Task<string?> AgencyNameAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        if (message.DataJson is null || !message.DataJson.Contains("agencyId", StringComparison.Ordinal))
        {
            return null;
        }

        var agencyId = System.Text.Json.JsonDocument.Parse(message.DataJson).RootElement.TryGetProperty("agencyId", out var id) ? id.GetString() : null;
        return agencyId is null ? null : await host.Agencies.Where(a => a.Id == agencyId).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken);
    }

    private void Fail(OutboxMessageRecord message, DateTimeOffset now, string error, bool permanent)
    {
        message.LastError = error.Length > 2000 ? error[..2000] : error;
        if (permanent || message.Attempts >= options.Value.MaxAttempts)
        {
            message.Status = OutboxStatus.Failed;
            LogGaveUp(logger, message.Id, message.Attempts, error);
            return;
        }

        var backoff = TimeSpan.FromTicks(Math.Min(options.Value.MaxBackoff.Ticks, options.Value.BaseBackoff.Ticks * (1L << Math.Min(message.Attempts - 1, 20))));
        message.NextAttemptAt = now + backoff;
        LogRetry(logger, message.Id, message.Attempts, backoff, error);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} failed for good after {Attempts} attempt(s): {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid messageId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} attempt {Attempts} failed, retrying in {Backoff}: {Error}")]
    private static partial void LogRetry(ILogger logger, Guid messageId, int attempts, TimeSpan backoff, string error);
}

/// <summary><c>Notifications:*</c>: batch size and retry back-off of the outbox dispatcher.</summary>
public sealed class NotificationOptions
{
    public int BatchSize { get; set; } = 100;

    public int MaxAttempts { get; set; } = 10;

    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);
}
