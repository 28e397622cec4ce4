using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Workflows.Persistence;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Host.Features.Notifications;

/// <summary>
/// The people and agencies a claimed batch addresses, read with a fixed number of queries (referrers, role agencies,
/// hubs, agencies, users, supervisors) instead of a few per message: at a deep backlog the dispatcher spent most of its
/// time in those per-message round trips. Each lookup answers only for what it loaded; anything else (null) is left to
/// <see cref="RecipientResolver"/>'s own query, so the rules live in one place and a miss is merely slower.
/// </summary>
internal sealed class RecipientDirectory
{
    private readonly Dictionary<Guid, string?> referrers = [];
    private readonly Dictionary<Guid, string?> roleAgencies = [];
    private readonly Dictionary<string, List<string>> hubs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Agency?> agencies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Mailbox>> agencyUsers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Mailbox>> supervisors = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Mailbox?> users = [];

    public bool TryReferrer(Guid? instanceId, out string? agencyId)
    {
        agencyId = null;
        return instanceId is { } id && referrers.TryGetValue(id, out agencyId);
    }

    public bool TryRoleAgenciesJson(Guid? instanceId, out string? json)
    {
        json = null;
        return instanceId is { } id && roleAgencies.TryGetValue(id, out json);
    }

    public IReadOnlyList<string>? Hubs(string district) => hubs.GetValueOrDefault(district);

    /// <summary>An agency's shared mailbox, else its active workers; null when the agency was not loaded.</summary>
    public IReadOnlyList<Mailbox>? Agency(string agencyId)
    {
        if (!agencies.TryGetValue(agencyId, out var agency))
        {
            return null;
        }

        return agency?.Email is { Length: > 0 } email
            ? [new Mailbox(agency.Name, email, "ko", AlertPreferences.MailboxOwner(agency.Id))]
            : agencyUsers.GetValueOrDefault(agencyId) ?? [];
    }

    public IReadOnlyList<Mailbox>? SharedMailbox(string agencyId) =>
        !agencies.TryGetValue(agencyId, out var agency) ? null
        : agency?.Email is { Length: > 0 } email ? [new Mailbox(agency.Name, email, "ko", AlertPreferences.MailboxOwner(agency.Id))] : [];

    public IReadOnlyList<Mailbox>? Supervisors(string agencyId) => supervisors.GetValueOrDefault(agencyId);

    public bool TryUser(Guid id, out Mailbox? user) => users.TryGetValue(id, out user);

    public static async Task<RecipientDirectory> LoadAsync(
        ReferralFlowDbContext db, WorkflowReadModel workflow, IReadOnlyList<OutboxMessageRecord> batch, CancellationToken cancellationToken)
    {
        var directory = new RecipientDirectory();
        var agencyIds = new HashSet<string>(StringComparer.Ordinal);
        var supervised = new HashSet<string>(StringComparer.Ordinal);
        var userIds = new HashSet<Guid>();
        var districts = new HashSet<string>(StringComparer.Ordinal);
        var referrerOf = new HashSet<Guid>();
        var roleOf = new HashSet<Guid>();
        foreach (var message in batch)
        {
            var (kind, value) = RecipientResolver.Target(message);
            switch (kind)
            {
                case SendRecipientRules.Referrer when message.InstanceId is { } instance: referrerOf.Add(instance); break;
                case "user" when Guid.TryParse(value, out var id): userIds.Add(id); break;
                case "agency" or "mailbox": agencyIds.Add(value); break;
                case "supervisors": agencyIds.Add(value); supervised.Add(value); break;
                case "hub": districts.Add(value); break;
                case "role" when message.InstanceId is { } instance: roleOf.Add(instance); break;
            }
        }

        if (referrerOf.Count > 0)
        {
            var found = await db.Referrals.AsNoTracking().Where(r => referrerOf.Contains(r.InstanceId))
                .Select(r => new { r.InstanceId, r.ReferringAgencyId }).ToListAsync(cancellationToken);
            foreach (var id in referrerOf)
            {
                directory.referrers[id] = found.FirstOrDefault(r => r.InstanceId == id)?.ReferringAgencyId;
            }

            agencyIds.UnionWith(directory.referrers.Values.OfType<string>());
        }

        if (roleOf.Count > 0)
        {
            var found = await workflow.Instances.Where(i => roleOf.Contains(i.Id)).Select(i => new { i.Id, i.RoleAgenciesJson }).ToDictionaryAsync(i => i.Id, cancellationToken);
            foreach (var id in roleOf)
            {
                var json = found.GetValueOrDefault(id)?.RoleAgenciesJson;
                if (RoleAgencies(json) is { } roles)
                {
                    // Unreadable JSON stays unloaded: the message then fails on its own, as it did before.
                    directory.roleAgencies[id] = json;
                    agencyIds.UnionWith(roles);
                }
            }
        }

        if (districts.Count > 0)
        {
            var found = await db.Agencies.AsNoTracking().Where(a => districts.Contains(a.District) && a.Kind == AgencyKind.DistrictHub)
                .Select(a => new { a.Id, a.District }).ToListAsync(cancellationToken);
            foreach (var district in districts)
            {
                directory.hubs[district] = [.. found.Where(h => h.District == district).Select(h => h.Id)];
            }

            agencyIds.UnionWith(found.Select(h => h.Id));
        }

        await directory.LoadPeopleAsync(db, agencyIds, supervised, userIds, cancellationToken);
        return directory;
    }

    private async Task LoadPeopleAsync(ReferralFlowDbContext db, HashSet<string> agencyIds, HashSet<string> supervised, HashSet<Guid> userIds, CancellationToken cancellationToken)
    {
        if (agencyIds.Count > 0)
        {
            var found = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, cancellationToken);
            foreach (var id in agencyIds)
            {
                agencies[id] = found.GetValueOrDefault(id);
            }

            // Workers are read for every agency without a shared mailbox, and for the supervised ones (their fallback).
            var staffed = agencyIds.Where(id => found.GetValueOrDefault(id)?.Email is not { Length: > 0 }).ToList();
            if (staffed.Count > 0)
            {
                var workers = await ActiveAsync(db.Users.Where(u => staffed.Contains(u.AgencyId)), cancellationToken);
                foreach (var id in staffed)
                {
                    agencyUsers[id] = [.. workers.Where(w => w.AgencyId == id).Select(w => w.Mailbox)];
                }
            }
        }

        if (supervised.Count > 0)
        {
            var found = await ActiveAsync(from u in db.Users
                                          join ur in db.UserRoles on u.Id equals ur.UserId
                                          join r in db.Roles on ur.RoleId equals r.Id
                                          where supervised.Contains(u.AgencyId) && r.Name == Roles.Supervisor
                                          select u, cancellationToken);
            foreach (var id in supervised)
            {
                supervisors[id] = [.. found.Where(w => w.AgencyId == id).Select(w => w.Mailbox)];
            }
        }

        if (userIds.Count > 0)
        {
            var found = await ActiveAsync(db.Users.Where(u => userIds.Contains(u.Id)), cancellationToken);
            foreach (var id in userIds)
            {
                users[id] = found.Where(u => u.Id == id).Select(u => u.Mailbox).FirstOrDefault();
            }
        }
    }

    private static IEnumerable<string>? RoleAgencies(string? json)
    {
        try
        {
            return json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json)?.Values ?? (IEnumerable<string>)[];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<List<(Guid Id, string AgencyId, Mailbox Mailbox)>> ActiveAsync(IQueryable<User> users, CancellationToken cancellationToken) =>
        (await users.Where(u => u.IsActive && u.Email != null).Select(u => new { u.Id, u.AgencyId, u.DisplayName, u.Email, u.Language }).ToListAsync(cancellationToken))
            .Select(u => (u.Id, u.AgencyId, new Mailbox(u.DisplayName, u.Email!, u.Language, AlertPreferences.UserOwner(u.Id)))).ToList();
}
