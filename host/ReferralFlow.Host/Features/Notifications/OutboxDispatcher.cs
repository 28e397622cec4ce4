using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Calendar;
using ReferralFlow.Host.Infrastructure.Jobs;
using ReferralFlow.Notifications;
using ReferralFlow.Notifications.MailKit;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Notifications;

/// <summary>
/// Sends pending outbox messages in batches, never inside a database transaction: a short transaction claims a batch
/// (<see cref="OutboxClaims"/>) and commits; the batch's recipients and agency names are read together
/// (<see cref="RecipientResolver.PrepareAsync"/>); the batch shares one SMTP connection, and each message is marked sent
/// right after the server accepted it, so a mail that went out is never sent again because a later one failed. Any
/// failure of one message — a refused mailbox, a malformed address, a template that cannot render — fails that
/// message alone: it backs off exponentially, or is marked Failed when permanent or out of attempts (visible to
/// operators); nothing is dropped silently. An unreachable server trips the <see cref="MailCircuitBreaker"/>: the
/// message keeps its attempt and waits for the next probe, the rest of the batch is released untouched, and no run
/// sends anything until a probe connects — then the whole backlog goes at once. A process that dies between sending
/// and recording leaves its claim to expire, so that message goes out again after the lease (at least once, never lost);
/// a living one extends its claim every quarter lease, so the lease can be short whatever a batch takes.
/// </summary>
public sealed partial class OutboxDispatcher(
    OutboxClaims claims, ReferralFlowDbContext host, RecipientResolver recipients, IMailTransport transport, IOptions<MailOptions> mail,
    IOptions<NotificationOptions> options, TimeProvider time, KoreaTime korea, ILogger<OutboxDispatcher> logger,
    IEnumerable<IMessageDataSource> dataSources, MailCircuitBreaker breaker) : IDueWork
{
    private readonly Dictionary<string, string> agencyNames = new(StringComparer.Ordinal);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!breaker.MayTry(time.GetUtcNow()))
        {
            return 0;
        }

        IMailSession? session = null;
        if (breaker.Open is { } open)
        {
            // The probe: connect before claiming anything; the connection then carries the first batch.
            try
            {
                session = await transport.OpenAsync(cancellationToken);
            }
            catch (MailDeliveryException ex) when (ex.ServerUnavailable)
            {
                LogStillDown(logger, breaker.Trip(ex.Message).NextProbe, ex.Message);
                return 0;
            }

            breaker.Reset();
            LogServerBack(logger, open.Since);
        }

        var sent = 0;
        for (var batch = 0; batch < 50; batch++)
        {
            var (claimed, delivered, stop) = await RunBatchAsync(session, cancellationToken);
            session = null;
            sent += delivered;
            if (stop || claimed < options.Value.BatchSize)
            {
                break;
            }
        }

        return sent;
    }

    private async Task<(int Claimed, int Delivered, bool Stop)> RunBatchAsync(IMailSession? session, CancellationToken cancellationToken)
    {
        var lease = options.Value.ClaimLease;
        var extendedAt = time.GetUtcNow();
        var batch = await claims.ClaimAsync(extendedAt, options.Value.ToPolicy(), cancellationToken);
        if (batch.Count > 0)
        {
            await PrepareAsync(batch, cancellationToken);
        }

        var delivered = 0;
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                var message = batch[i];
                if (time.GetUtcNow() is var now && now - extendedAt >= lease / 4)
                {
                    // The heartbeat: the lease stays short (a dead process's rows come back soon) however long the batch takes.
                    var rest = batch[i..];
                    if (await claims.ExtendAsync(rest, now + lease, CancellationToken.None) < rest.Count)
                    {
                        // Stalled past the lease: another run took some of these rows. Give back the rest, send none of them.
                        LogLeaseLost(logger, rest.Count);
                        await claims.ReleaseAsync(rest, CancellationToken.None);
                        return (batch.Count, delivered, true);
                    }

                    extendedAt = now;
                }

                try
                {
                    await DeliverAsync(async () => session ??= await transport.OpenAsync(cancellationToken), message, cancellationToken);
                }
                catch (MailNotWantedException ex)
                {
                    await claims.RecordNotMailedAsync(message, ex.Message, CancellationToken.None);
                    continue;
                }
                catch (MailDeliveryException ex) when (ex.ServerUnavailable)
                {
                    // The server is gone: this message waits for the probe with its attempt counted, the rest untouched.
                    var state = breaker.Trip(ex.Message);
                    LogServerDown(logger, state.NextProbe, ex.Message);
                    await claims.DeferAsync(message, ex.Message, state.NextProbe, options.Value.ToPolicy(), CancellationToken.None);
                    await claims.ReleaseAsync(batch.Skip(i + 1), CancellationToken.None);
                    return (batch.Count, delivered, true);
                }
                catch (MailDeliveryException ex)
                {
                    await RecordFailureAsync(message, ex.Message, ex.Permanent);
                    continue;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    await claims.ReleaseAsync(batch.Skip(i), CancellationToken.None);
                    throw;
                }
                catch (Exception ex)
                {
                    // Anything else is this message's own problem; a malformed address or template data will not heal.
                    var permanent = ex is FormatException or ArgumentException or JsonException;
                    await RecordFailureAsync(message, $"{ex.GetType().Name}: {ex.Message}", permanent);
                    if (!permanent && session is not null)
                    {
                        // The connection may be mid-command; the next message gets a fresh one.
                        await session.DisposeAsync();
                        session = null;
                    }

                    continue;
                }

                // Sent: recorded at once, on its own. Should this fail, the claim expires and the mail goes out again.
                if (!await claims.RecordSentAsync(message, time.GetUtcNow(), CancellationToken.None))
                {
                    LogClaimLost(logger, message.Id);
                }

                delivered++;
            }
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync();
            }
        }

        return (batch.Count, delivered, false);
    }

    private async Task RecordFailureAsync(OutboxMessageRecord message, string error, bool permanent)
    {
        var recorded = await claims.RecordFailureAsync(message, time.GetUtcNow(), error, permanent, options.Value.ToPolicy(), CancellationToken.None);
        switch (recorded.Outcome)
        {
            case OutboxFailureOutcome.ClaimLost:
                LogClaimLost(logger, message.Id);
                break;
            case OutboxFailureOutcome.Failed:
                LogGaveUp(logger, message.Id, message.Attempts, error);
                break;
            default:
                LogRetry(logger, message.Id, message.Attempts, recorded.Backoff, error);
                break;
        }
    }

    // Recipients are resolved before a connection is opened: a message nobody can receive fails for good without
    // touching the server (or tripping the breaker). The batch's session is opened on first use and shared by the rest.
    private async Task DeliverAsync(Func<Task<IMailSession>> session, OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        var mailboxes = await recipients.ResolveAsync(message, cancellationToken);
        if (mailboxes.Count == 0)
        {
            throw new MailDeliveryException($"No mailbox for recipient '{message.To}'.", permanent: true);
        }

        var agencyName = await AgencyNameAsync(message, cancellationToken);
        var data = dataSources.FirstOrDefault(s => s.Handles(message.Template)) is { } source
            ? await source.DataAsync(message, cancellationToken)
            : message.DataJson ?? await ReferralDataAsync(message.InstanceId, cancellationToken);
        var now = time.GetUtcNow();
        // One message per language, so each recipient reads it in their own; all are rendered before any is sent.
        var rendered = mailboxes.GroupBy(m => m.Language.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "ko")
            .Select(group =>
            {
                var (subject, body) = MessageTemplates.Render(message.Template, data, group.Key, mail.Value.PublicBaseUrl, now, agencyName, korea.Offset);
                return new OutgoingMessage($"{message.Id:N}.{group.Key}@referralflow", [.. group.Select(m => (m.Name, m.Address))], subject, body);
            }).ToList();
        var open = await session();
        foreach (var outgoing in rendered)
        {
            await open.SendAsync(outgoing, cancellationToken);
        }
    }

    /// <summary>
    /// A workflow's send task (<c>rf:type</c> notify-referrer and the like) knows only its instance: the message names
    /// the referral (number and link) so the recipient knows which case it is about.
    /// </summary>
    private async Task<string?> ReferralDataAsync(Guid? instanceId, CancellationToken cancellationToken)
    {
        if (instanceId is null)
        {
            return null;
        }

        var referral = await host.Referrals.AsNoTracking().Where(r => r.InstanceId == instanceId)
            .Select(r => new { referralId = r.Id, referralNumber = r.Number }).SingleOrDefaultAsync(cancellationToken);
        return referral is null ? null : JsonSerializer.Serialize(referral);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server is unreachable; no message is tried until the probe at {NextProbe:O}: {Error}")]
    private static partial void LogServerDown(ILogger logger, DateTimeOffset nextProbe, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The mail server is still unreachable; next probe at {NextProbe:O}: {Error}")]
    private static partial void LogStillDown(ILogger logger, DateTimeOffset nextProbe, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "The mail server answers again (unreachable since {Since:O}); sending the backlog")]
    private static partial void LogServerBack(ILogger logger, DateTimeOffset since);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox message {MessageId} failed for good after {Attempts} attempt(s): {Error}")]
    private static partial void LogGaveUp(ILogger logger, Guid messageId, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} attempt {Attempts} failed, retrying in {Backoff}: {Error}")]
    private static partial void LogRetry(ILogger logger, Guid messageId, int attempts, TimeSpan backoff, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the recipients of {Count} claimed message(s) at once failed; each asks on its own: {Error}")]
    private static partial void LogPrepareFailed(ILogger logger, int count, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch stalled past its claim lease; {Count} unsent message(s) given back, some already taken by another run")]
    private static partial void LogLeaseLost(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId}: its claim expired before the outcome was recorded; another run has it now")]
    private static partial void LogClaimLost(ILogger logger, Guid messageId);

    // A batch's recipients and agency names in a few queries, not a few per message. Should that fail, each message
    // asks on its own and fails alone, as before.
    private async Task PrepareAsync(List<OutboxMessageRecord> batch, CancellationToken cancellationToken)
    {
        agencyNames.Clear();
        try
        {
            await recipients.PrepareAsync(batch, cancellationToken);
            var ids = batch.Select(AgencyIdOf).OfType<string>().Distinct().ToList();
            if (ids.Count > 0)
            {
                foreach (var agency in await host.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken))
                {
                    agencyNames[agency.Id] = agency.Name;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPrepareFailed(logger, batch.Count, ex.Message);
        }
    }

    private async Task<string?> AgencyNameAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        var agencyId = AgencyIdOf(message);
        return agencyId is null ? null
            : agencyNames.TryGetValue(agencyId, out var name) ? name
            : await host.Agencies.Where(a => a.Id == agencyId).Select(a => a.Name).SingleOrDefaultAsync(cancellationToken);
    }

    private static string? AgencyIdOf(OutboxMessageRecord message)
    {
        if (message.DataJson is null || !message.DataJson.Contains("agencyId", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var data = JsonDocument.Parse(message.DataJson);
            return data.RootElement.ValueKind == JsonValueKind.Object && data.RootElement.TryGetProperty("agencyId", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>
/// Makes a template's data at send time, for data that must not rest in the outbox (a one-time link is made only when
/// its mail goes out). Throw <see cref="MailDeliveryException"/> (permanent) when the message should no longer be sent.
/// </summary>
public interface IMessageDataSource
{
    bool Handles(string? template);

    Task<string> DataAsync(OutboxMessageRecord message, CancellationToken cancellationToken);
}

/// <summary><c>Notifications:*</c>: batch size, retry back-off and claim lease of the outbox dispatcher.</summary>
public sealed class NotificationOptions
{
    public int BatchSize { get; set; } = 100;

    public int MaxAttempts { get; set; } = 10;

    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a claim reserves its rows; the sending process extends it every quarter of this while it works, so a
    /// process that died mid-batch frees its rows at most this long after its last heartbeat. At least four times
    /// <c>Mail:Smtp:Timeout</c> (checked at start), so one slow message never outlasts a claim.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// While the mail server is unreachable, how soon the dispatcher tries to connect again (the circuit breaker's probe);
    /// after the first ten probes the interval grows with the outage (a tenth of it) up to <see cref="MaxProbeInterval"/>.
    /// </summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two probes of an unreachable mail server.</summary>
    public TimeSpan MaxProbeInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A pending message due longer than this makes <c>/health</c> report the outbox as stuck.</summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromMinutes(15);

    public OutboxRetryPolicy ToPolicy() => new(BatchSize, MaxAttempts, BaseBackoff, MaxBackoff, ClaimLease);
}
