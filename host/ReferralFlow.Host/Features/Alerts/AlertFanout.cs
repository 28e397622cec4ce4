using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// Tells people of something: a bell entry for every active worker concerned, and a pending alert for each worker (or
/// shared mailbox) who wants an email at once; the <see cref="AlertMailer"/> sends those, one mail per recipient per
/// minute. Rows are added to the host's context and saved by the caller's unit of work, so they commit or roll back
/// with their cause. Ids and codes only: no household data, no free text.
/// </summary>
public sealed class AlertFanout(ReferralFlowDbContext db, AlertPreferences preferences, TimeProvider time)
{
    /// <summary>An agency's queue hears of it (all its workers but <paramref name="except"/>, who caused it).</summary>
    public async Task ToAgencyAsync(
        string agencyId, NotificationKind kind, Guid? instanceId, Guid? taskRowId, string? dataJson, CancellationToken cancellationToken, Guid? except = null)
    {
        var audience = await preferences.AgencyAsync(agencyId, kind, cancellationToken);
        var now = time.GetUtcNow();
        foreach (var worker in audience.Workers.Where(w => w.UserId != except))
        {
            Add(worker, kind, instanceId, taskRowId, dataJson, now);
        }

        if (audience.Mailbox == NotificationMode.Immediately)
        {
            db.PendingAlerts.Add(Pending(AlertPreferences.MailboxOwner(agencyId), kind, instanceId, taskRowId, dataJson, now));
        }
    }

    /// <summary>One worker hears of it (a task given to them); nothing for a deactivated account.</summary>
    public async Task ToUserAsync(Guid userId, NotificationKind kind, Guid? instanceId, Guid? taskRowId, string? dataJson, CancellationToken cancellationToken)
    {
        if (await preferences.UserAsync(userId, kind, cancellationToken) is { } worker)
        {
            Add(worker, kind, instanceId, taskRowId, dataJson, time.GetUtcNow());
        }
    }

    private void Add(Audience worker, NotificationKind kind, Guid? instanceId, Guid? taskRowId, string? dataJson, DateTimeOffset now)
    {
        db.UserNotifications.Add(new UserNotification
        {
            Id = Guid.CreateVersion7(now),
            UserId = worker.UserId,
            Kind = kind,
            InstanceId = instanceId,
            TaskRowId = taskRowId,
            CreatedAt = now,
        });
        if (worker.Mode == NotificationMode.Immediately && worker.HasEmail)
        {
            db.PendingAlerts.Add(Pending(AlertPreferences.UserOwner(worker.UserId), kind, instanceId, taskRowId, dataJson, now));
        }
    }

    private static PendingAlert Pending(string recipient, NotificationKind kind, Guid? instanceId, Guid? taskRowId, string? dataJson, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Recipient = recipient,
        Kind = kind,
        InstanceId = instanceId,
        TaskRowId = taskRowId,
        DataJson = dataJson,
        CreatedAt = now,
    };
}
