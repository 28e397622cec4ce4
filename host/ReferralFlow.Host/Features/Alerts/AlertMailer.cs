using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Jobs;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// Turns pending alerts into outbox messages: an alert waits for the end of its calendar minute (<see cref="DueAt"/>) so
/// that the others of that minute join it, then each recipient gets one mail holding every alert pending for it. The
/// idempotency key names the recipient and the minute it is sent in (a recipient already mailed this minute waits for
/// the next), so 10,000 new steps in an hour are at most 60 mails per recipient, each still sent by the outbox with its
/// retries. A single alert keeps its own template (<c>step-created</c>, <c>consent-needed</c>, <c>task-assigned</c>);
/// several become one <c>alert-batch</c>. Due work, not a recurring job: the scheduler runs it when the earliest alert's
/// minute is over (<see cref="PendingAlertsDue"/>). Claiming (<c>FOR UPDATE SKIP LOCKED</c> on PostgreSQL), queueing
/// and removing happen in one transaction, so two hosts never mail the same alert; when two hosts claimed alerts of one
/// recipient in the same minute, the one that commits second finds the key taken and leaves only that recipient's
/// alerts for the next minute.
/// </summary>
public sealed class AlertMailer(
    ReferralFlowDbContext db, WorkflowReadModel workflow, WorkflowJournal journal, UnitOfWork unitOfWork, DatabaseOptions database, TimeProvider time) : IDueWork
{
    /// <summary>Most alerts listed in one batch mail; the rest are counted and wait in the bell.</summary>
    public const int MaxListed = 50;

    public const string Batch = "alert-batch";

    /// <summary>The due-work kind.</summary>
    public const string Kind = "Alerts";

    private const int MaxPerRun = 20_000;

    private const int MaxAttempts = 3;

    /// <summary>When an alert is mailed: at the end of the calendar minute it was written in.</summary>
    public static DateTimeOffset DueAt(DateTimeOffset createdAt) => Minute(createdAt).AddMinutes(1);

    /// <summary>Mails the alerts whose minute is over; returns how many alerts it handled (mailed, or dropped for a deactivated account).</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            List<string> keys = [];
            try
            {
                return await RunOnceAsync(keys, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another host claimed other alerts of the same recipient and minute and queued that key between our
                // check and our insert. Only that recipient must wait for the next minute, not the whole run: the
                // next attempt sees the key as mailed and skips its alerts.
                if (!await workflow.Outbox.AnyAsync(m => keys.Contains(m.IdempotencyKey), cancellationToken))
                {
                    throw;
                }
            }
        }
    }

    private Task<int> RunOnceAsync(List<string> keys, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var minute = Minute(now);
        return unitOfWork.ExecuteAsync(async ct =>
        {
            var pending = await ClaimAsync(minute, ct);
            if (pending.Count == 0)
            {
                return 0;
            }

            var groups = pending.GroupBy(a => a.Recipient).ToDictionary(g => Key(g.Key, minute), g => g.ToList());
            keys.AddRange(groups.Keys);
            var mailed = await workflow.Outbox.Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(ct);
            var inactive = await InactiveUsersAsync(pending, ct);
            var handled = new List<Guid>();
            foreach (var (key, alerts) in groups)
            {
                if (mailed.Contains(key))
                {
                    continue;
                }

                if (!inactive.Contains(alerts[0].Recipient))
                {
                    Enqueue(key, alerts, now);
                }

                handled.AddRange(alerts.Select(a => a.Id));
            }

            if (handled.Count > 0)
            {
                await db.PendingAlerts.Where(a => handled.Contains(a.Id)).ExecuteDeleteAsync(ct);
            }

            return handled.Count;
        }, cancellationToken);
    }

    private static DateTimeOffset Minute(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
    }

    // Alerts written before this minute; on PostgreSQL locked, skipping those another host holds.
    private Task<List<PendingAlert>> ClaimAsync(DateTimeOffset minute, CancellationToken cancellationToken) =>
        database.Provider == DatabaseProvider.PostgreSql
            ? db.PendingAlerts.FromSql($"SELECT * FROM pending_alerts WHERE created_at < {minute} ORDER BY created_at, id LIMIT {MaxPerRun} FOR UPDATE SKIP LOCKED")
                .AsNoTracking().ToListAsync(cancellationToken)
            : db.PendingAlerts.AsNoTracking().Where(a => a.CreatedAt < minute).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id).Take(MaxPerRun).ToListAsync(cancellationToken);

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
