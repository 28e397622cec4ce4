using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// How each worker and shared mailbox hears of a kind. A worker's own choice wins, then the agency's default for its
/// workers, then the built-in default: at once — except news addressed to an agency that has a shared mailbox, which
/// its workers see in the app only (the mailbox is told; that is how alerts went before preferences). A shared mailbox
/// hears at once unless the agency chose otherwise. Escalations are always mailed when the district makes them mandatory.
/// </summary>
public sealed class AlertPreferences(ReferralFlowDbContext db)
{
    public static string UserOwner(Guid userId) => $"user:{userId}";

    public static string AgencyOwner(string agencyId) => $"agency:{agencyId}";

    public static string MailboxOwner(string agencyId) => $"mailbox:{agencyId}";

    public static string DistrictOwner(string district) => $"district:{district}";

    /// <summary>Kinds addressed to an agency's queue rather than to a person.</summary>
    public static bool IsAgencyNews(NotificationKind kind) => kind is NotificationKind.NewStep or NotificationKind.ConsentNeeded or NotificationKind.Transfer;

    public static NotificationMode Default(NotificationKind kind, bool agencyHasMailbox) =>
        agencyHasMailbox && IsAgencyNews(kind) ? NotificationMode.AppOnly : NotificationMode.Immediately;

    /// <summary>The active workers of an agency (with or without an address), each with their mode for <paramref name="kind"/>.</summary>
    public async Task<AgencyAudience> AgencyAsync(string agencyId, NotificationKind kind, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => new { a.Email, a.District }).SingleOrDefaultAsync(cancellationToken);
        if (agency is null)
        {
            return new([], null, false);
        }

        var users = await db.Users.AsNoTracking().Where(u => u.AgencyId == agencyId && u.IsActive)
            .Select(u => new { u.Id, HasEmail = u.Email != null }).ToListAsync(cancellationToken);
        var owners = users.Select(u => UserOwner(u.Id)).Append(AgencyOwner(agencyId)).Append(MailboxOwner(agencyId)).ToList();
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.Kind == kind && owners.Contains(p.Owner))
            .ToDictionaryAsync(p => p.Owner, p => p.Mode, cancellationToken);
        var hasMailbox = agency.Email is { Length: > 0 };
        var fallback = chosen.TryGetValue(AgencyOwner(agencyId), out var agencyDefault) ? agencyDefault : Default(kind, hasMailbox);
        var mandatory = kind == NotificationKind.Escalation && await EscalationsMandatoryAsync(agency.District, cancellationToken);
        var workers = users.Select(u => new Audience(u.Id, u.HasEmail,
            mandatory ? NotificationMode.Immediately : chosen.GetValueOrDefault(UserOwner(u.Id), fallback))).ToList();
        NotificationMode? mailbox = hasMailbox ? chosen.GetValueOrDefault(MailboxOwner(agencyId), NotificationMode.Immediately) : null;
        return new(workers, mailbox, hasMailbox);
    }

    /// <summary>One worker's mode for a kind addressed to them personally; null when they are not an active worker.</summary>
    public async Task<Audience?> UserAsync(Guid userId, NotificationKind kind, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive)
            .Select(u => new { u.Id, u.AgencyId, HasEmail = u.Email != null }).SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var owners = new[] { UserOwner(userId), AgencyOwner(user.AgencyId) };
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.Kind == kind && owners.Contains(p.Owner))
            .ToDictionaryAsync(p => p.Owner, p => p.Mode, cancellationToken);
        var district = await db.Agencies.AsNoTracking().Where(a => a.Id == user.AgencyId).Select(a => a.District).SingleOrDefaultAsync(cancellationToken);
        var mode = kind == NotificationKind.Escalation && await EscalationsMandatoryAsync(district, cancellationToken)
            ? NotificationMode.Immediately
            : chosen.GetValueOrDefault(owners[0], chosen.GetValueOrDefault(owners[1], NotificationMode.Immediately));
        return new(user.Id, user.HasEmail, mode);
    }

    /// <summary>True when the district makes escalation alerts mandatory (its <c>district:{name}</c> row says immediately).</summary>
    public Task<bool> EscalationsMandatoryAsync(string? district, CancellationToken cancellationToken)
    {
        var owner = DistrictOwner(district ?? "");
        return db.NotificationPreferences.AsNoTracking()
            .AnyAsync(p => p.Owner == owner && p.Kind == NotificationKind.Escalation && p.Mode == NotificationMode.Immediately, cancellationToken);
    }
}

/// <summary>A worker and how they hear of one kind.</summary>
public sealed record Audience(Guid UserId, bool HasEmail, NotificationMode Mode);

/// <summary>An agency's active workers and its shared mailbox's mode (null without one).</summary>
public sealed record AgencyAudience(IReadOnlyList<Audience> Workers, NotificationMode? Mailbox, bool HasMailbox);
