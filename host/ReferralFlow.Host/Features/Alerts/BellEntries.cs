using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// Bell entries alone, for news whose email goes its own way (escalations and transfers have their own outbox
/// messages): added to the host's context and saved by the caller's unit of work. Ids only: no household data, no free text.
/// </summary>
public sealed class BellEntries(ReferralFlowDbContext db)
{
    /// <summary>The active workers of each agency (agencies without any are left out).</summary>
    public async Task<Dictionary<string, List<Guid>>> WorkersAsync(IReadOnlyCollection<string> agencyIds, CancellationToken cancellationToken) =>
        (await db.Users.AsNoTracking().Where(u => agencyIds.Contains(u.AgencyId) && u.IsActive).Select(u => new { u.Id, u.AgencyId }).ToListAsync(cancellationToken))
            .GroupBy(u => u.AgencyId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(u => u.Id).ToList(), StringComparer.Ordinal);

    /// <summary>The district hubs of each district.</summary>
    public async Task<Dictionary<string, List<string>>> HubsAsync(IReadOnlyCollection<string> districts, CancellationToken cancellationToken) =>
        (await db.Agencies.AsNoTracking().Where(a => districts.Contains(a.District) && a.Kind == AgencyKind.DistrictHub).Select(a => new { a.Id, a.District }).ToListAsync(cancellationToken))
            .GroupBy(a => a.District, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(a => a.Id).ToList(), StringComparer.Ordinal);

    /// <summary>One entry per user (each once).</summary>
    public void Add(IEnumerable<Guid> users, NotificationKind kind, Guid? instanceId, Guid? taskRowId, DateTimeOffset now)
    {
        foreach (var user in users.Distinct())
        {
            db.UserNotifications.Add(new UserNotification
            {
                Id = Guid.CreateVersion7(now),
                UserId = user,
                Kind = kind,
                InstanceId = instanceId,
                TaskRowId = taskRowId,
                CreatedAt = now,
            });
        }
    }

    /// <summary>
    /// Stops tracking entries already saved: a job that runs many units of work in one scope (the escalation sweep's
    /// batches) would otherwise carry every earlier batch's entries into each save.
    /// </summary>
    public void ForgetSaved()
    {
        foreach (var entry in db.ChangeTracker.Entries<UserNotification>().Where(e => e.State == EntityState.Unchanged).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }
}
