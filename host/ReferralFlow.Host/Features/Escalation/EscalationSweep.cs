using Hangfire;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Escalation;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Escalation;

/// <summary>
/// Processes due escalation levels in batches: for each, one outbox row per recipient (idempotency key per task, level
/// and recipient, unique in the database), a timeline event, and the task's escalation level — all in the batch's
/// transaction. On PostgreSQL rows are claimed with <c>FOR UPDATE SKIP LOCKED</c>, so several host processes share the
/// work and none handles a level twice.
/// </summary>
public sealed class EscalationSweep(
    WorkflowDbContext workflow, ReferralFlowDbContext host, UnitOfWork unitOfWork, DatabaseOptions database, ConfiguredEscalationPlanner planner,
    Microsoft.Extensions.Options.IOptions<EscalationOptions> options, TimeProvider time, IBackgroundJobClient jobs)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        for (var batch = 0; batch < 50; batch++)
        {
            var processed = await RunBatchAsync(cancellationToken);
            total += processed;
            if (processed < options.Value.BatchSize)
            {
                break;
            }
        }

        if (total > 0)
        {
            // The messages are committed; send them now rather than at the dispatcher's next tick.
            jobs.Enqueue<OutboxDispatcher>(dispatcher => dispatcher.RunAsync(CancellationToken.None));
        }

        return total;
    }

    private Task<int> RunBatchAsync(CancellationToken cancellationToken) => unitOfWork.ExecuteAsync(async ct =>
    {
        var now = time.GetUtcNow();
        var due = await ClaimAsync(now, ct);
        if (due.Count == 0)
        {
            return 0;
        }

        var taskIds = due.Select(e => e.TaskRowId).Distinct().ToList();
        var tasks = await workflow.Tasks.Where(t => taskIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var instanceIds = tasks.Values.Select(t => t.InstanceId).Distinct().ToList();
        var referrals = await host.Referrals.AsNoTracking().Where(r => instanceIds.Contains(r.InstanceId)).ToDictionaryAsync(r => r.InstanceId, ct);
        foreach (var escalation in due)
        {
            escalation.ProcessedAt = now;
            if (!tasks.TryGetValue(escalation.TaskRowId, out var task) || task.Status != WorkTaskStatus.Open)
            {
                escalation.Status = EscalationStatus.Cancelled;
                continue;
            }

            escalation.Status = EscalationStatus.Done;
            await EscalateAsync(escalation, task, referrals.GetValueOrDefault(task.InstanceId), now, ct);
        }

        return due.Count;
    }, cancellationToken);

    private Task<List<EscalationRecord>> ClaimAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var batch = options.Value.BatchSize;
        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            return workflow.Escalations
                .FromSqlInterpolated($"SELECT * FROM escalations WHERE status = 'Pending' AND due_at <= {now} ORDER BY due_at LIMIT {batch} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken);
        }

        // SQLite has one writer at a time: the transaction itself serialises the sweeps.
        return workflow.Escalations.Where(e => e.Status == EscalationStatus.Pending && e.DueAt <= now)
            .OrderBy(e => e.DueAt).Take(batch).ToListAsync(cancellationToken);
    }

    private async Task EscalateAsync(EscalationRecord escalation, WorkTaskRecord task, Referral? referral, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var policy = planner.Get(escalation.Policy);
        if (escalation.Level > policy.Levels.Count)
        {
            return;
        }

        var level = policy.Levels[escalation.Level - 1];
        var addresses = level.Recipients.SelectMany(r => Resolve(r, task, referral)).Distinct(StringComparer.Ordinal).ToList();
        var data = new Dictionary<string, object?>
        {
            ["referralId"] = referral?.Id,
            ["referralNumber"] = referral?.Number,
            ["taskRowId"] = task.Id,
            ["stepName"] = task.Name,
            ["agencyId"] = task.AgencyId,
            ["dueAt"] = task.DueAt,
            ["level"] = escalation.Level,
        };
        foreach (var address in addresses)
        {
            var key = $"escalation:{task.Id:N}:{escalation.Level}:{address}";
            if (await workflow.Outbox.AnyAsync(m => m.IdempotencyKey == key, cancellationToken))
            {
                continue;
            }

            workflow.Outbox.Add(new OutboxMessageRecord
            {
                Id = Guid.CreateVersion7(now),
                InstanceId = task.InstanceId,
                NodeId = task.NodeId,
                Type = "escalation",
                To = address,
                Template = "escalation",
                IdempotencyKey = key,
                CreatedAt = now,
                NextAttemptAt = now,
                DataJson = VariableJson.ToJson(data),
            });
        }

        task.EscalationLevel = Math.Max(task.EscalationLevel, escalation.Level);
        if (level.ReofferToQueue)
        {
            task.Assignee = null;
        }

        task.Revision++;
        workflow.Timeline.Add(new TimelineEventRecord
        {
            InstanceId = task.InstanceId,
            OccurredAt = now,
            Type = "escalated",
            NodeId = task.NodeId,
            TaskId = task.TaskId,
            DataJson = VariableJson.ToJson(new Dictionary<string, object?>
            {
                ["level"] = escalation.Level,
                ["policy"] = escalation.Policy,
                ["recipients"] = level.Recipients.Select(r => r.ToString()).ToList(),
                ["reoffered"] = level.ReofferToQueue,
            }),
        });
    }

    private static IEnumerable<string> Resolve(EscalationRecipient recipient, WorkTaskRecord task, Referral? referral)
    {
        var agency = task.AgencyId;
        switch (recipient)
        {
            case EscalationRecipient.Assignee when Guid.TryParse(task.Assignee, out var assignee):
                yield return Recipients.User(assignee);
                break;
            case EscalationRecipient.Assignee or EscalationRecipient.AgencyQueue when agency is not null:
                yield return Recipients.Agency(agency);
                break;
            case EscalationRecipient.AgencySupervisor when agency is not null:
                yield return Recipients.Supervisors(agency);
                break;
            case EscalationRecipient.PublicCaseOwner when referral is not null:
                yield return referral.PublicOwnerUserId is { } owner ? Recipients.User(owner) : Recipients.Agency(referral.PublicOwnerAgencyId);
                break;
            case EscalationRecipient.DistrictHub when referral is not null:
                yield return Recipients.DistrictHub(referral.District);
                break;
            case EscalationRecipient.Referrer when referral is not null:
                yield return Recipients.Agency(referral.ReferringAgencyId);
                break;
        }
    }
}
