using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Jobs;
using ReferralFlow.Workflows.Escalation;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Escalation;

/// <summary>
/// Processes due escalation levels in batches: for each, one outbox row per recipient (idempotency key per task, level
/// and recipient, unique in the database), a timeline event, the task's escalation level and the bell entries of the
/// workers concerned (<see cref="EscalationBell"/>) — all in the batch's transaction. The levels are claimed through <see cref="EscalationClaims"/> (row locks on PostgreSQL), so several host
/// processes share the work and none handles a level twice. A task changed meanwhile (a worker claimed it while its
/// level was written) does not roll the batch back: the save returns to just before itself, the batch is read again
/// (its levels still locked) and redone, the conflicting level on its fresh task; a level that keeps conflicting is left
/// for the next run.
/// </summary>
public sealed class EscalationSweep(
    EscalationClaims claims, WorkflowJournal journal, ReferralFlowDbContext host, UnitOfWork unitOfWork, ConfiguredEscalationPlanner planner,
    Microsoft.Extensions.Options.IOptions<EscalationOptions> options, TimeProvider time, EscalationBell bell) : IDueWork
{
    private const int AttemptsPerBatch = 3;

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

        // The messages' commit wakes the scheduler, which starts the dispatcher.
        return total;
    }

    private Task<int> RunBatchAsync(CancellationToken cancellationToken) => unitOfWork.ExecuteAsync(async ct =>
    {
        var now = time.GetUtcNow();
        var due = await claims.ClaimDueAsync(now, options.Value.BatchSize, ct);
        if (due.Count == 0)
        {
            return 0;
        }

        var instanceIds = due.Select(c => c.Task?.InstanceId).OfType<Guid>().Distinct().ToList();
        var referrals = await host.Referrals.AsNoTracking().Where(r => instanceIds.Contains(r.InstanceId)).ToDictionaryAsync(r => r.InstanceId, ct);
        var levels = due;
        for (var attempt = 1; ; attempt++)
        {
            // Who holds each step is read again on every attempt: a conflict usually means someone just claimed it.
            var holders = await CaseRows.UserNamesAsync(host, levels.Select(c => c.Task?.Assignee), ct);
            var messages = new List<OutboxMessageRequest>();
            foreach (var claimed in levels)
            {
                Process(claimed, referrals, holders, messages, now);
            }

            var existing = await journal.ExistingMessageKeysAsync([.. messages.Select(m => m.IdempotencyKey)], ct);
            var fresh = messages.Where(m => !existing.Contains(m.IdempotencyKey)).ToList();
            foreach (var message in fresh)
            {
                journal.EnqueueMessage(message, now);
            }

            var conflicts = await claims.TrySaveAsync(ct);
            if (conflicts.Count == 0)
            {
                // The bell entries of the levels this attempt wrote, saved with them: an attempt redone adds none twice.
                await bell.AddAsync(fresh, now, ct);
                return due.Count;
            }

            // Redo on fresh rows; after the last attempt without the levels whose tasks keep changing.
            var again = levels.Where(c => attempt < AttemptsPerBatch || !conflicts.Contains(c.Escalation.TaskRowId)).Select(c => c.Escalation.Id).ToList();
            levels = await claims.ReloadAsync(again, ct);
        }
    }, cancellationToken);

    private void Process(ClaimedEscalation claimed, Dictionary<Guid, Referral> referrals, Dictionary<Guid, string> holders, List<OutboxMessageRequest> messages, DateTimeOffset now)
    {
        if (claimed.Task is not { Status: WorkTaskStatus.Open } task)
        {
            EscalationClaims.Cancel(claimed, now);
            return;
        }

        var referral = referrals.GetValueOrDefault(task.InstanceId);
        var escalation = claimed.Escalation;
        // The district's policy as it is now names the recipients; the due times were planned when the task was created.
        var policy = planner.For(referral?.District).Get(escalation.Policy);
        if (escalation.Level > policy.Levels.Count)
        {
            EscalationClaims.Skip(claimed, now);
            return;
        }

        var level = policy.Levels[escalation.Level - 1];
        var holder = CaseRows.UserRef(task.Assignee, holders)?.Name;
        var addresses = level.Recipients.SelectMany(r => Resolve(r, task, referral).Select(address => (Address: address, Recipient: r)))
            .DistinctBy(a => a.Address, StringComparer.Ordinal);
        foreach (var (address, recipient) in addresses)
        {
            var data = VariableJson.ToJson(new Dictionary<string, object?>
            {
                ["referralId"] = referral?.Id,
                ["referralNumber"] = referral?.Number,
                ["taskRowId"] = task.Id,
                ["stepName"] = task.Name,
                ["agencyId"] = task.AgencyId,
                ["dueAt"] = task.DueAt,
                ["level"] = escalation.Level,
                [EscalationMessage.RecipientKey] = recipient.ToString(),
                [EscalationMessage.HolderKey] = holder,
            });
            messages.Add(new OutboxMessageRequest(task.InstanceId, task.NodeId, "escalation", address, "escalation", $"escalation:{task.Id:N}:{escalation.Level}:{address}", data));
        }

        EscalationClaims.Escalate(claimed, now, level.ReofferToQueue);
        journal.AppendTimeline(task.InstanceId, now, "escalated", task.NodeId, task.TaskId, dataJson: VariableJson.ToJson(new Dictionary<string, object?>
        {
            ["level"] = escalation.Level,
            ["policy"] = escalation.Policy,
            ["recipients"] = level.Recipients.Select(r => r.ToString()).ToList(),
            ["reoffered"] = level.ReofferToQueue,
        }));
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
