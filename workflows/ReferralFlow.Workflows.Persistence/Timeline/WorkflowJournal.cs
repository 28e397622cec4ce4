using Microsoft.EntityFrameworkCore;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>A message to queue in the outbox (see <see cref="OutboxMessageRecord"/> for the fields).</summary>
/// <param name="InstanceId">The instance the message belongs to.</param>
/// <param name="NodeId">The element (or the host's event name) that asked for it.</param>
/// <param name="Type">Message type, e.g. <c>email</c> or <c>escalation</c>.</param>
/// <param name="To">Recipient expression, e.g. <c>agency:{id}</c>.</param>
/// <param name="Template">Template key.</param>
/// <param name="IdempotencyKey">Unique per message; a second message with the same key is refused by the database.</param>
/// <param name="DataJson">Template data as a JSON object.</param>
public sealed record OutboxMessageRequest(
    Guid InstanceId, string NodeId, string? Type, string? To, string? Template, string IdempotencyKey, string? DataJson = null);

/// <summary>
/// A platform message that belongs to no instance (an account invitation, a password reset): the host's own event
/// names it where an instance message names its element.
/// </summary>
/// <param name="Event">The host's event name, stored as the message's node id (e.g. <c>invitation</c>).</param>
/// <param name="Type">Message type, e.g. <c>account</c>.</param>
/// <param name="To">Recipient expression, e.g. <c>user:{id}</c>.</param>
/// <param name="Template">Template key.</param>
/// <param name="IdempotencyKey">Unique per message; a second message with the same key is refused by the database.</param>
/// <param name="DataJson">Template data as a JSON object.</param>
public sealed record PlatformMessageRequest(string Event, string Type, string To, string Template, string IdempotencyKey, string? DataJson = null);

/// <summary>
/// The one place that builds timeline and outbox rows, for the engine's effects and for the host's own events (claims,
/// escalations, closing replies). Rows are added to the context and saved with the caller's unit of work, or by
/// <see cref="SaveAsync"/> when the caller has none.
/// </summary>
public sealed class WorkflowJournal(WorkflowDbContext db)
{
    /// <summary>Appends a case timeline event.</summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="occurredAt">When it happened.</param>
    /// <param name="type">One of <see cref="TimelineEventTypes"/> or a host's own type.</param>
    /// <param name="nodeId">The element involved, if any.</param>
    /// <param name="taskId">The instance-local task id involved, if any.</param>
    /// <param name="actor">Who caused it (a user id), or null for the system.</param>
    /// <param name="dataJson">Details as a JSON object.</param>
    public void AppendTimeline(
        Guid instanceId, DateTimeOffset occurredAt, string type, string? nodeId = null, int? taskId = null, string? actor = null, string? dataJson = null) =>
        db.Timeline.Add(TimelineRow(instanceId, occurredAt, type, nodeId, taskId, actor, dataJson));

    internal static TimelineEventRecord TimelineRow(
        Guid instanceId, DateTimeOffset occurredAt, string type, string? nodeId, int? taskId, string? actor, string? dataJson) =>
        new()
        {
            InstanceId = instanceId,
            OccurredAt = occurredAt,
            Type = type,
            NodeId = nodeId,
            TaskId = taskId,
            Actor = actor,
            DataJson = dataJson,
        };

    /// <summary>Queues a message for the dispatcher, due at once.</summary>
    /// <param name="message">What to send.</param>
    /// <param name="now">When it was requested.</param>
    public void EnqueueMessage(OutboxMessageRequest message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        db.Outbox.Add(OutboxRow(message, now));
    }

    internal static OutboxMessageRecord OutboxRow(OutboxMessageRequest message, DateTimeOffset now) =>
        Row(message.InstanceId, message.NodeId, message.Type, message.To, message.Template, message.IdempotencyKey, message.DataJson, now);

    /// <summary>Queues a platform message that belongs to no instance, due at once; its row has no instance id.</summary>
    /// <param name="message">What to send.</param>
    /// <param name="now">When it was requested.</param>
    public void EnqueuePlatformMessage(PlatformMessageRequest message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        db.Outbox.Add(Row(null, message.Event, message.Type, message.To, message.Template, message.IdempotencyKey, message.DataJson, now));
    }

    private static OutboxMessageRecord Row(
        Guid? instanceId, string nodeId, string? type, string? to, string? template, string idempotencyKey, string? dataJson, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            InstanceId = instanceId,
            NodeId = nodeId,
            Type = type,
            To = to,
            Template = template,
            IdempotencyKey = idempotencyKey,
            CreatedAt = now,
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
            DataJson = dataJson,
        };

    /// <summary>True when a message with this idempotency key is already stored (sent or not).</summary>
    /// <param name="idempotencyKey">The key.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<bool> HasMessageAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
        db.Outbox.AnyAsync(m => m.IdempotencyKey == idempotencyKey, cancellationToken);

    /// <summary>Which of these idempotency keys are already stored (sent or not): one query for a whole batch.</summary>
    /// <param name="idempotencyKeys">The keys.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task<IReadOnlySet<string>> ExistingMessageKeysAsync(IReadOnlyCollection<string> idempotencyKeys, CancellationToken cancellationToken = default) =>
        idempotencyKeys.Count == 0
            ? new HashSet<string>(StringComparer.Ordinal)
            : (await db.Outbox.AsNoTracking().Where(m => idempotencyKeys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);

    /// <summary>Saves what was appended, for a caller outside a unit of work.</summary>
    /// <param name="cancellationToken">Cancels the save.</param>
    public Task SaveAsync(CancellationToken cancellationToken = default) => db.SaveChangesAsync(cancellationToken);
}
