using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Administration.Settings;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Retention;

/// <summary>
/// An open referral is never anonymised, so one forgotten for years would keep its personal data for ever. The sweep
/// flags each open referral without any activity (a timeline event or a note) for the whole retention period to its
/// district: an audit entry <c>referral.retention-review</c> and an email to the district hub (희망복지지원단) asking it
/// to close the referral, after which its data is destroyed on schedule. A referral is flagged once per quiet spell.
/// </summary>
public sealed class DormantReferralReview(ReferralFlowDbContext db, WorkflowReadModel workflow, WorkflowJournal journal, UnitOfWork unitOfWork, DistrictSettingsStore settings)
{
    public const string AuditAction = "referral.retention-review";

    public const string Template = "retention-review";

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Each district has its own period: the shortest finds every candidate, each is then held to its district's.
        var districts = await db.Referrals.AsNoTracking().Where(r => r.ClosedAt == null).Select(r => r.District).Distinct().ToListAsync(cancellationToken);
        if (districts.Count == 0)
        {
            return 0;
        }

        var earliest = now.AddYears(-districts.Min(d => settings.Get(d).RetentionYears));
        var candidates = await db.Referrals.AsNoTracking()
            .Where(r => r.ClosedAt == null && r.OpenedAt <= earliest)
            .OrderBy(r => r.OpenedAt).Take(500)
            .Select(r => new { r.Id, r.Number, r.InstanceId, r.District, r.OpenedAt })
            .ToListAsync(cancellationToken);
        var flagged = 0;
        foreach (var referral in candidates)
        {
            var lastEvent = await workflow.Timeline.Where(e => e.InstanceId == referral.InstanceId).MaxAsync(e => (DateTimeOffset?)e.OccurredAt, cancellationToken);
            var lastNote = await db.ReferralNotes.Where(n => n.ReferralId == referral.Id).MaxAsync(n => (DateTimeOffset?)n.CreatedAt, cancellationToken);
            var lastActivity = new[] { referral.OpenedAt, lastEvent ?? referral.OpenedAt, lastNote ?? referral.OpenedAt }.Max();
            var quietSince = now.AddYears(-settings.Get(referral.District).RetentionYears);
            var key = $"{Template}:{referral.Id}:{lastActivity.UtcTicks}";
            if (lastActivity > quietSince || await journal.HasMessageAsync(key, cancellationToken))
            {
                continue;
            }

            await unitOfWork.ExecuteAsync(_ =>
            {
                var data = new { referralId = referral.Id, referralNumber = referral.Number, lastActivity };
                journal.EnqueueMessage(
                    new OutboxMessageRequest(referral.InstanceId, Template, "email", $"hub:{referral.District}", Template, key, JsonSerializer.Serialize(data)), now);
                db.AuditLog.Add(new AuditEntry
                {
                    At = now,
                    Action = AuditAction,
                    ReferralId = referral.Id,
                    Detail = $"no activity since {lastActivity:yyyy-MM-dd}; the district hub is asked to close it",
                });
                return Task.CompletedTask;
            }, cancellationToken);
            flagged++;
        }

        return flagged;
    }
}
