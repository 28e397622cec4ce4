using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Notifications;

/// <summary>A resolved mailbox with the language its owner reads.</summary>
public sealed record Mailbox(string Name, string Address, string Language);

/// <summary>
/// Resolves an outbox recipient (<c>user:</c>, <c>agency:</c>, <c>supervisors:</c>, <c>hub:</c>, <c>role:</c>) to
/// mailboxes: a user's own address; an agency's shared mailbox, else its active workers.
/// </summary>
public sealed class RecipientResolver(ReferralFlowDbContext db, WorkflowDbContext workflow)
{
    public async Task<IReadOnlyList<Mailbox>> ResolveAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        var to = message.To ?? (message.Type == "notify-referrer" ? await ReferrerAsync(message.InstanceId, cancellationToken) : null);
        if (to is null)
        {
            return [];
        }

        var colon = to.IndexOf(':', StringComparison.Ordinal);
        var (kind, value) = colon < 0 ? (to, "") : (to[..colon], to[(colon + 1)..]);
        return kind switch
        {
            "user" when Guid.TryParse(value, out var id) => await UsersAsync(db.Users.Where(u => u.Id == id), cancellationToken),
            "agency" => await AgencyAsync(value, cancellationToken),
            "supervisors" => await SupervisorsAsync(value, cancellationToken),
            "hub" => await HubAsync(value, cancellationToken),
            "role" => await RoleAsync(message.InstanceId, value, cancellationToken),
            _ when to.Contains('@', StringComparison.Ordinal) => [new Mailbox(to, to, "ko")],
            _ => [],
        };
    }

    private async Task<string?> ReferrerAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var agency = await db.Referrals.Where(r => r.InstanceId == instanceId).Select(r => r.ReferringAgencyId).SingleOrDefaultAsync(cancellationToken);
        return agency is null ? null : $"agency:{agency}";
    }

    private async Task<IReadOnlyList<Mailbox>> AgencyAsync(string agencyId, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agencyId, cancellationToken);
        if (agency?.Email is { Length: > 0 } email)
        {
            return [new Mailbox(agency.Name, email, "ko")];
        }

        return await UsersAsync(db.Users.Where(u => u.AgencyId == agencyId), cancellationToken);
    }

    private async Task<IReadOnlyList<Mailbox>> SupervisorsAsync(string agencyId, CancellationToken cancellationToken)
    {
        var supervisors = from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where u.AgencyId == agencyId && r.Name == Roles.Supervisor
                          select u;
        var found = await UsersAsync(supervisors, cancellationToken);
        return found.Count > 0 ? found : await AgencyAsync(agencyId, cancellationToken);
    }

    private async Task<IReadOnlyList<Mailbox>> HubAsync(string district, CancellationToken cancellationToken)
    {
        var hubs = await db.Agencies.AsNoTracking().Where(a => a.District == district && a.Kind == AgencyKind.DistrictHub).Select(a => a.Id).ToListAsync(cancellationToken);
        var result = new List<Mailbox>();
        foreach (var hub in hubs)
        {
            result.AddRange(await AgencyAsync(hub, cancellationToken));
        }

        return result;
    }

    private async Task<IReadOnlyList<Mailbox>> RoleAsync(Guid instanceId, string roleKey, CancellationToken cancellationToken)
    {
        var json = await workflow.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.RoleAgenciesJson).SingleOrDefaultAsync(cancellationToken);
        var agencies = json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        return agencies?.GetValueOrDefault(roleKey) is { } agency ? await AgencyAsync(agency, cancellationToken) : [];
    }

    private static async Task<IReadOnlyList<Mailbox>> UsersAsync(IQueryable<User> users, CancellationToken cancellationToken) =>
        await users.Where(u => u.IsActive && u.Email != null)
            .Select(u => new Mailbox(u.DisplayName, u.Email!, u.Language))
            .ToListAsync(cancellationToken);
}
