using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Notifications;

/// <summary>
/// <c>GET /api/outbox?status=failed</c> (system admin): outbox messages by delivery state, newest first, with
/// attempts and the last error — permanent failures are visible here, never dropped. <see cref="Paging">Paged</see> by (created, id).
/// </summary>
public sealed class ListNotifications(WorkflowReadModel workflow)
{
    public sealed record Item(Guid Id, Guid? InstanceId, string? Type, string? To, string? Template, string Status, int Attempts, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, DateTimeOffset NextAttemptAt);

    public async Task<Page<Item>> HandleAsync(string? status, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit);
        var after = Paging.Read(cursor, 2);
        var query = workflow.Outbox;
        if (status is not null)
        {
            if (!Enum.TryParse<OutboxStatus>(status, ignoreCase: true, out var parsed))
            {
                throw ApiException.Invalid("status", ProblemCode.ValueNotAllowed, "pending, sent, failed, notmailed");
            }

            query = query.Where(m => m.Status == parsed);
        }

        var total = await query.CountAsync(cancellationToken);
        if (after is not null)
        {
            var (created, id) = (after.Time(0), after.Guid(1));
            query = query.Where(m => m.CreatedAt < created || (m.CreatedAt == created && m.Id < id));
        }

        var rows = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(size + 1)
            .Select(m => new Item(m.Id, m.InstanceId, m.Type, m.To, m.Template, m.Status.ToString(), m.Attempts, m.LastError, m.CreatedAt, m.SentAt, m.NextAttemptAt))
            .ToListAsync(cancellationToken);
        return Paging.Of(rows, size, m => Paging.Cursor(Paging.Text(m.CreatedAt), Paging.Text(m.Id)), total);
    }
}

/// <summary><c>POST /api/outbox/{id}/retry</c> (system admin): puts a failed message back in the queue.</summary>
public sealed class RetryNotification(OutboxClaims outbox, TimeProvider time)
{
    public async Task HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var status = await outbox.RetryFailedAsync(id, time.GetUtcNow(), cancellationToken)
            ?? throw ApiException.NotFound(ProblemCode.NotificationNotFound);
        if (status != OutboxStatus.Failed)
        {
            throw ApiException.Conflict(ProblemCode.NotificationNotFailed.With(status.ToString().ToLowerInvariant()));
        }
    }
}
