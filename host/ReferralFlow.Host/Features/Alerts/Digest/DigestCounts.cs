using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>One recipient's digest: counts, and links to at most a few new steps. Ids, dates and numbers only.</summary>
public sealed record DigestData(
    string Date, int NewSteps, int DueToday, int Overdue, int MineDueToday, int MineOverdue, int ConsentNeeded, int AwaitingDecision,
    IReadOnlyList<Guid> NewStepIds, int NewNotes = 0)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool IsEmpty => NewSteps + DueToday + Overdue + MineDueToday + MineOverdue + ConsentNeeded + AwaitingDecision + NewNotes == 0;
}

/// <summary>
/// The digest's numbers for a whole district in five grouped queries (open steps per agency and per assignee, the new
/// steps' ids, unread consent requests per worker, finished referrals per case owner), then joined in memory per
/// recipient: the cost grows with the district's open steps once, never per worker.
/// </summary>
internal sealed class DigestCounts
{
    private readonly Dictionary<string, (int New, int DueToday, int Overdue)> _agencies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int DueToday, int Overdue)> _assignees = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Guid>> _newSteps = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, int> _consents = [];
    private readonly Dictionary<Guid, int> _notes = [];
    private readonly Dictionary<string, int> _decisions = new(StringComparer.Ordinal);
    private List<(string Id, NotificationMode? Mailbox)> _agencyList = [];
    private List<(Guid Id, string AgencyId)> _users = [];

    public static async Task<DigestCounts> ReadAsync(
        ReferralFlowDbContext db, WorkflowReadModel workflow, string district, DateTimeOffset since, DateTimeOffset now, DateTimeOffset endOfDay, int maxLinks,
        CancellationToken cancellationToken)
    {
        var counts = new DigestCounts();
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.District == district && a.IsActive)
            .Select(a => new { a.Id, HasMailbox = a.Email != null && a.Email != "" }).ToListAsync(cancellationToken);
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

        // Notes since the last digest, for those who chose to hear of notes in the digest (the bell has them all).
        foreach (var row in await db.UserNotifications.AsNoTracking()
            .Where(n => n.Kind == NotificationKind.Note && n.ReadAt == null && n.CreatedAt >= since && userIds.Contains(n.UserId))
            .GroupBy(n => n.UserId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
        {
            counts._notes[row.Key] = row.Count;
        }

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
        var noteModes = modes.Where(p => p.Kind == NotificationKind.Note).ToDictionary(p => p.Owner, p => p.Mode, StringComparer.Ordinal);
        foreach (var user in users.Where(u => NoteMode(noteModes, u.Id, u.AgencyId) != NotificationMode.Digest))
        {
            counts._notes.Remove(user.Id);
        }

        counts._agencyList = [.. agencies.Select(a => (a.Id, a.HasMailbox
            ? modes.FirstOrDefault(p => p.Owner == AlertPreferences.MailboxOwner(a.Id) && p.Kind == NotificationKind.NewStep)?.Mode ?? NotificationMode.Immediately
            : (NotificationMode?)null))];
        return counts;
    }

    // A worker's own choice for notes, else the agency's default, else the built-in one (the app only).
    private static NotificationMode NoteMode(Dictionary<string, NotificationMode> modes, Guid userId, string agencyId) =>
        modes.TryGetValue(AlertPreferences.UserOwner(userId), out var own) ? own
        : modes.TryGetValue(AlertPreferences.AgencyOwner(agencyId), out var agency) ? agency
        : AlertPreferences.Default(NotificationKind.Note, agencyHasMailbox: false);

    /// <summary>Each recipient (<c>user:{id}</c>, <c>mailbox:{agency}</c>) with its digest.</summary>
    public IEnumerable<(string Recipient, DigestData Digest)> Recipients()
    {
        foreach (var (id, agency) in _users)
        {
            var queue = _agencies.GetValueOrDefault(agency);
            var mine = _assignees.GetValueOrDefault(id.ToString());
            yield return (AlertPreferences.UserOwner(id), new DigestData("", queue.New, queue.DueToday, queue.Overdue, mine.DueToday, mine.Overdue,
                _consents.GetValueOrDefault(id), _decisions.GetValueOrDefault(agency), _newSteps.GetValueOrDefault(agency) ?? [], _notes.GetValueOrDefault(id)));
        }

        foreach (var (agency, mailbox) in _agencyList.Where(a => a.Mailbox is not null and not NotificationMode.AppOnly))
        {
            var queue = _agencies.GetValueOrDefault(agency);
            yield return (AlertPreferences.MailboxOwner(agency), new DigestData("", queue.New, queue.DueToday, queue.Overdue, 0, 0, 0,
                _decisions.GetValueOrDefault(agency), _newSteps.GetValueOrDefault(agency) ?? []));
        }
    }
}
