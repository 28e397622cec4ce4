using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Bell;

/// <summary>
/// <c>GET /api/notifications</c>: my bell entries, newest first, <see cref="Paging">paged</see> by (created, id); with
/// <c>unread=true</c> the unread ones only. Each names its kind, the referral's number, the step (its name in the
/// workflow) and a link the reader can open (a step of their own agency, else the referral; transfers their list) — no
/// household data, no free text. The total is the unread count.
/// </summary>
public sealed class ListBell(CurrentUser user, ReferralFlowDbContext db, WorkflowReadModel workflow)
{
    public sealed record Item(
        Guid Id, string Kind, Guid? ReferralId, string? ReferralNumber, Guid? TaskId, string? StepName, string Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

    public async Task<Page<Item>> HandleAsync(bool? unread, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit);
        var after = Paging.Read(cursor, 2);
        var me = user.Id;
        var query = db.UserNotifications.AsNoTracking().Where(n => n.UserId == me);
        if (unread == true)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        if (after is not null)
        {
            var (created, id) = (after.Time(0), after.Guid(1));
            query = query.Where(n => n.CreatedAt < created || (n.CreatedAt == created && n.Id.CompareTo(id) < 0));
        }

        var rows = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(size + 1).ToListAsync(cancellationToken);
        var items = await DescribeAsync(rows, cancellationToken);
        var total = await BellCount.UnreadAsync(db, me, cancellationToken);
        return Paging.Of(items, size, i => Paging.Cursor(Paging.Text(i.CreatedAt), Paging.Text(i.Id)), total);
    }

    /// <summary>The rows with their referral's number and step name, in two set-based reads.</summary>
    public async Task<IReadOnlyList<Item>> DescribeAsync(IReadOnlyList<UserNotification> rows, CancellationToken cancellationToken)
    {
        var instanceIds = rows.Where(r => r.InstanceId != null).Select(r => r.InstanceId!.Value).Distinct().ToList();
        var taskIds = rows.Where(r => r.TaskRowId != null).Select(r => r.TaskRowId!.Value).Distinct().ToList();
        var referrals = await db.Referrals.AsNoTracking().Where(r => instanceIds.Contains(r.InstanceId))
            .Select(r => new { r.InstanceId, r.Id, r.Number }).ToDictionaryAsync(r => r.InstanceId, cancellationToken);
        var steps = await workflow.Tasks.Where(t => taskIds.Contains(t.Id)).Select(t => new { t.Id, t.Name, t.AgencyId }).ToDictionaryAsync(t => t.Id, cancellationToken);
        var mine = user.AgencyId;
        return [.. rows.Select(r =>
        {
            var referral = r.InstanceId is { } instance ? referrals.GetValueOrDefault(instance) : null;
            var step = r.TaskRowId is { } task ? steps.GetValueOrDefault(task) : null;
            // Another agency's step (an escalation told to the case owner or the hub, a note about a step) opens on the referral.
            var link = r.Kind == NotificationKind.ConsentNeeded && referral is not null ? $"/referrals/{referral.Id}/consents"
                : r.Kind == NotificationKind.Transfer ? "/transfers"
                : step is not null && step.AgencyId == mine && r.Kind != NotificationKind.Note ? $"/tasks/{step.Id}"
                : referral is not null ? $"/referrals/{referral.Id}" : "/inbox";
            return new Item(r.Id, Kind(r.Kind), referral?.Id, referral?.Number, r.TaskRowId, step?.Name, link, r.CreatedAt, r.ReadAt);
        })];
    }

    public static string Kind(NotificationKind kind) => kind switch
    {
        NotificationKind.NewStep => "new-step",
        NotificationKind.Assigned => "assigned",
        NotificationKind.Escalation => "escalation",
        NotificationKind.ConsentNeeded => "consent-needed",
        NotificationKind.Note => "note",
        _ => "transfer",
    };
}
