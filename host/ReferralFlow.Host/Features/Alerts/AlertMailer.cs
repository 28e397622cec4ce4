using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// Turns pending alerts into outbox messages: one per recipient per calendar minute (the idempotency key names the
/// recipient and the minute; a recipient already mailed this minute waits for the next), holding every alert pending
/// for it — so 10,000 new steps in an hour are at most 60 mails per recipient, and each mail is still sent by the
/// outbox with its retries. A single alert keeps its own template (<c>step-created</c>, <c>consent-needed</c>,
/// <c>task-assigned</c>); several become one <c>alert-batch</c>. Queueing and removing happen in one transaction.
/// </summary>
public sealed class AlertMailer(ReferralFlowDbContext db, WorkflowReadModel workflow, WorkflowJournal journal, UnitOfWork unitOfWork, TimeProvider time)
{
    /// <summary>Most alerts listed in one batch mail; the rest are counted and wait in the bell.</summary>
    public const int MaxListed = 50;

    public const string Batch = "alert-batch";

    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var pending = await db.PendingAlerts.AsNoTracking().Where(a => a.CreatedAt <= now)
            .OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Take(20_000).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        var groups = pending.GroupBy(a => a.Recipient).ToDictionary(g => Key(g.Key, minute), g => g.ToList());
        var keys = groups.Keys.ToList();
        var mailed = await workflow.Outbox.Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(cancellationToken);
        var inactive = await InactiveUsersAsync(pending, cancellationToken);
        var queued = 0;
        await unitOfWork.ExecuteAsync(async ct =>
        {
            foreach (var (key, alerts) in groups)
            {
                if (mailed.Contains(key))
                {
                    continue;
                }

                if (!inactive.Contains(alerts[0].Recipient))
                {
                    Enqueue(key, alerts, now);
                    queued++;
                }

                var ids = alerts.Select(a => a.Id).ToList();
                await db.PendingAlerts.Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(ct);
            }
        }, cancellationToken);
        return queued;
    }

    private static string Key(string recipient, DateTimeOffset minute) => $"alerts:{recipient}:{minute:yyyyMMddHHmm}";

    private void Enqueue(string key, List<PendingAlert> alerts, DateTimeOffset now)
    {
        var recipient = alerts[0].Recipient;
        if (alerts.Count == 1 && alerts[0].InstanceId is { } instanceId)
        {
            var single = alerts[0];
            journal.EnqueueMessage(new OutboxMessageRequest(instanceId, "alert", "step-alert", recipient, Template(single.Kind), key, single.DataJson), now);
            return;
        }

        var items = alerts.Take(MaxListed).Select(a => new { kind = a.Kind.ToString(), instanceId = a.InstanceId, taskRowId = a.TaskRowId, data = a.DataJson });
        var data = JsonSerializer.Serialize(new { total = alerts.Count, items });
        journal.EnqueuePlatformMessage(new PlatformMessageRequest("alert", "step-alert", recipient, Batch, key, data), now);
    }

    public static string Template(NotificationKind kind) => kind switch
    {
        NotificationKind.ConsentNeeded => StepAlertPlanner.ConsentNeeded,
        NotificationKind.Assigned => AssignmentAlerts.TaskAssigned,
        NotificationKind.Note => Referrals.NoteAlerts.Template,
        _ => StepAlertPlanner.StepCreated,
    };

    // An account deactivated since its alert was planned gets nothing.
    private async Task<HashSet<string>> InactiveUsersAsync(List<PendingAlert> pending, CancellationToken cancellationToken)
    {
        var userIds = pending.Select(a => a.Recipient).Distinct()
            .Select(r => r.StartsWith("user:", StringComparison.Ordinal) && Guid.TryParse(r[5..], out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).ToList();
        var active = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken);
        return [.. userIds.Except(active).Select(AlertPreferences.UserOwner)];
    }
}
