using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>One recipient's digest: counts, and links to at most a few new steps. Ids, dates and numbers only.</summary>
public sealed record DigestData(
    string Date, int NewSteps, int DueToday, int Overdue, int MineDueToday, int MineOverdue, int ConsentNeeded, int AwaitingDecision,
    IReadOnlyList<Guid> NewStepIds, int NewNotes = 0, int NewTransfers = 0, int TransfersWaiting = 0)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool IsEmpty =>
        NewSteps + DueToday + Overdue + MineDueToday + MineOverdue + ConsentNeeded + AwaitingDecision + NewNotes + NewTransfers + TransfersWaiting == 0;
}

/// <summary>
/// The digest's numbers for a whole district in a few grouped queries (open steps per agency and per assignee, the new
/// steps' ids, unread consent requests per worker, unread note and transfer entries per worker, finished referrals per
/// case owner, transfer requests waiting for the district), then joined in memory per recipient: the cost grows with the
/// district's open steps once, never per worker. Notes and transfers are counted for those who chose to hear of them in
/// the digest; the others have them in the app (or by mail at once).
/// </summary>
internal sealed class DigestCounts
{
    private readonly Dictionary<string, (int New, int DueToday, int Overdue)> _agencies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int DueToday, int Overdue)> _assignees = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Guid>> _newSteps = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, int> _consents = [];
    private readonly Dictionary<(Guid User, NotificationKind Kind), int> _unread = [];
    private int _transfersWaiting;
    private readonly Dictionary<string, int> _decisions = new(StringComparer.Ordinal);
    private List<(string Id, NotificationMode? Mailbox, bool TransfersInDigest)> _agencyList = [];
    private List<(Guid Id, string AgencyId)> _users = [];

    public static async Task<DigestCounts> ReadAsync(
        ReferralFlowDbContext db, WorkflowReadModel workflow, string district, DateTimeOffset since, DateTimeOffset now, DateTimeOffset endOfDay, int maxLinks,
        CancellationToken cancellationToken)
    {
        var counts = new DigestCounts();
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.District == district && a.IsActive)
            .Select(a => new { a.Id, HasMailbox = a.Email != null && a.Email != "", IsHub = a.Kind == AgencyKind.DistrictHub }).ToListAsync(cancellationToken);
        var ids = agencies.Select(a => a.Id).ToList();
        var open = workflow.Tasks.Where(t => t.Status == WorkTaskStatus.Open && t.AgencyId != null && ids.Contains(t.AgencyId));
        foreach (var row in await open.GroupBy(t => t.AgencyId!)
            .Select(g => new { g.Key, New = g.Count(t => t.CreatedAt >= since), DueToday = g.Count(t => t.DueAt >= now && t.DueAt < endOfDay), Overdue = g.Count(t => t.DueAt < now) })
            .ToListAsync(cancellationToken))
        {
            counts._agencies[row.Key] = (row.New, row.DueToday, row.Overdue);
        }

        foreach (var row in await open.Where(t => t.Assignee != null).GroupBy(t => t.Assignee!)
            .Select(g => new { g.Key, DueToday = g.Count(t => t.DueAt >= now && t.DueAt < endOfDay), Overdue = g.Count(t => t.DueAt < now) })
            .ToListAsync(cancellationToken))
        {
            counts._assignees[row.Key] = (row.DueToday, row.Overdue);
        }

        foreach (var step in await open.Where(t => t.CreatedAt >= since).OrderByDescending(t => t.CreatedAt).Take(maxLinks * Math.Max(ids.Count, 1))
            .Select(t => new { t.AgencyId, t.Id }).ToListAsync(cancellationToken))
        {
            var list = counts._newSteps.TryGetValue(step.AgencyId!, out var found) ? found : counts._newSteps[step.AgencyId!] = [];
            if (list.Count < maxLinks)
            {
                list.Add(step.Id);
            }
        }

        var users = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Email != null && ids.Contains(u.AgencyId))
            .Select(u => new { u.Id, u.AgencyId }).ToListAsync(cancellationToken);
        var userIds = users.Select(u => u.Id).ToList();
        var recent = now.AddDays(-90);
        foreach (var row in await db.UserNotifications.AsNoTracking()
            .Where(n => n.Kind == NotificationKind.ConsentNeeded && n.ReadAt == null && n.CreatedAt >= recent && userIds.Contains(n.UserId))
            .GroupBy(n => n.UserId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
        {
            counts._consents[row.Key] = row.Count;
        }

        // Notes and transfer news since the last digest (the bell has them all); kept below for those who chose the digest.
        foreach (var row in await db.UserNotifications.AsNoTracking()
            .Where(n => DigestKinds.Contains(n.Kind) && n.ReadAt == null && n.CreatedAt >= since && userIds.Contains(n.UserId))
            .GroupBy(n => new { n.UserId, n.Kind }).Select(g => new { g.Key.UserId, g.Key.Kind, Count = g.Count() }).ToListAsync(cancellationToken))
        {
            counts._unread[(row.UserId, row.Kind)] = row.Count;
        }

        counts._transfersWaiting = await db.ReferralTransfers.AsNoTracking()
            .CountAsync(t => t.ToDistrict == district && t.Status == TransferStatus.Pending, cancellationToken);

        // A referral whose every agreed step is done waits for its case owner to close it.
        foreach (var row in await db.Referrals.FromSqlRaw(
                """
                SELECT r.* FROM referrals AS r WHERE r.district = {0} AND r.closed_at IS NULL
                AND EXISTS (SELECT 1 FROM workflow_instances AS i WHERE i.id = r.instance_id AND i.status IN ('Completed', 'Terminated'))
                """, district).AsNoTracking()
            .GroupBy(r => r.PublicOwnerAgencyId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
        {
            counts._decisions[row.Key] = row.Count;
        }

        // Who wants a digest at all: "app only" for every kind means none; a shared mailbox by its choice for new steps.
        var owners = userIds.Select(AlertPreferences.UserOwner).Concat(ids.Select(AlertPreferences.MailboxOwner)).Concat(ids.Select(AlertPreferences.AgencyOwner)).ToList();
        var modes = await db.NotificationPreferences.AsNoTracking().Where(p => owners.Contains(p.Owner)).ToListAsync(cancellationToken);
        var kinds = Enum.GetValues<NotificationKind>().Length;
        var silent = modes.Where(p => p.Mode == NotificationMode.AppOnly).GroupBy(p => p.Owner).Where(g => g.Count() == kinds).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        counts._users = [.. users.Where(u => !silent.Contains(AlertPreferences.UserOwner(u.Id))).Select(u => (u.Id, u.AgencyId))];
        var chosen = modes.ToDictionary(p => (p.Owner, p.Kind), p => p.Mode);
        var hasMailbox = agencies.ToDictionary(a => a.Id, a => a.HasMailbox, StringComparer.Ordinal);
        var agencyOf = users.ToDictionary(u => u.Id, u => u.AgencyId);
        foreach (var key in counts._unread.Keys.ToList())
        {
            var agencyId = agencyOf[key.User];
            if (WorkerMode(chosen, key.User, agencyId, hasMailbox[agencyId], key.Kind) != NotificationMode.Digest)
            {
                counts._unread.Remove(key);
            }
        }

        counts._agencyList = [.. agencies.Select(a => (a.Id,
            a.HasMailbox ? chosen.GetValueOrDefault((AlertPreferences.MailboxOwner(a.Id), NotificationKind.NewStep), NotificationMode.Immediately) : (NotificationMode?)null,
            a.HasMailbox && a.IsHub && chosen.GetValueOrDefault((AlertPreferences.MailboxOwner(a.Id), NotificationKind.Transfer)) == NotificationMode.Digest))];
        return counts;
    }

    private static readonly NotificationKind[] DigestKinds = [NotificationKind.Note, NotificationKind.Transfer];

    // A worker's own choice, else the agency's default for its workers, else the built-in one.
    private static NotificationMode WorkerMode(Dictionary<(string, NotificationKind), NotificationMode> chosen, Guid userId, string agencyId, bool agencyHasMailbox, NotificationKind kind) =>
        chosen.TryGetValue((AlertPreferences.UserOwner(userId), kind), out var own) ? own
        : chosen.TryGetValue((AlertPreferences.AgencyOwner(agencyId), kind), out var agency) ? agency
        : AlertPreferences.Default(kind, agencyHasMailbox);

    /// <summary>Each recipient (<c>user:{id}</c>, <c>mailbox:{agency}</c>) with its digest.</summary>
    public IEnumerable<(string Recipient, DigestData Digest)> Recipients()
    {
        foreach (var (id, agency) in _users)
        {
            var queue = _agencies.GetValueOrDefault(agency);
            var mine = _assignees.GetValueOrDefault(id.ToString());
            yield return (AlertPreferences.UserOwner(id), new DigestData("", queue.New, queue.DueToday, queue.Overdue, mine.DueToday, mine.Overdue,
                _consents.GetValueOrDefault(id), _decisions.GetValueOrDefault(agency), _newSteps.GetValueOrDefault(agency) ?? [],
                _unread.GetValueOrDefault((id, NotificationKind.Note)), _unread.GetValueOrDefault((id, NotificationKind.Transfer))));
        }

        foreach (var (agency, mailbox, transfers) in _agencyList.Where(a => (a.Mailbox is not null and not NotificationMode.AppOnly) || a.TransfersInDigest))
        {
            // A mailbox that keeps new steps in the app but chose transfers in the digest hears of the transfers alone.
            var steps = mailbox is not NotificationMode.AppOnly;
            var queue = steps ? _agencies.GetValueOrDefault(agency) : default;
            yield return (AlertPreferences.MailboxOwner(agency), new DigestData("", queue.New, queue.DueToday, queue.Overdue, 0, 0, 0,
                steps ? _decisions.GetValueOrDefault(agency) : 0, steps ? _newSteps.GetValueOrDefault(agency) ?? [] : [], TransfersWaiting: transfers ? _transfersWaiting : 0));
        }
    }
}
