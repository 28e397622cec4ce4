using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// How each worker and shared mailbox hears of a kind. A worker's own choice wins, then the agency's default for its
/// workers, then the built-in default: at once — except news addressed to an agency that has a shared mailbox, which
/// its workers see in the app only (the mailbox is told; that is how alerts went before preferences). A shared mailbox
/// hears at once unless the agency chose otherwise. Notes on a referral are the exception: many a day, so everyone —
/// workers and shared mailboxes — sees them in the app only unless they chose otherwise. Escalations are always mailed
/// when the district makes them mandatory.
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
        kind == NotificationKind.Note || (agencyHasMailbox && IsAgencyNews(kind)) ? NotificationMode.AppOnly : NotificationMode.Immediately;

    /// <summary>A shared mailbox's mode for a kind it has no choice for.</summary>
    public static NotificationMode MailboxDefault(NotificationKind kind) => kind == NotificationKind.Note ? NotificationMode.AppOnly : NotificationMode.Immediately;

    /// <summary>The active workers of an agency (with or without an address), each with their mode for <paramref name="kind"/>.</summary>
    /// <remarks>Two queries (the agency with its workers, then every choice that applies): it runs inside commands, once per new step.</remarks>
    public async Task<AgencyAudience> AgencyAsync(string agencyId, NotificationKind kind, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId)
            .Select(a => new
            {
                a.Email,
                a.District,
                Users = db.Users.Where(u => u.AgencyId == a.Id && u.IsActive).Select(u => new { u.Id, HasEmail = u.Email != null }).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (agency is null)
        {
            return new([], null, false);
        }

        var owners = agency.Users.Select(u => UserOwner(u.Id)).Append(AgencyOwner(agencyId)).Append(MailboxOwner(agencyId)).Append(DistrictOwner(agency.District)).ToList();
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.Kind == kind && owners.Contains(p.Owner))
            .ToDictionaryAsync(p => p.Owner, p => p.Mode, cancellationToken);
        var hasMailbox = agency.Email is { Length: > 0 };
        var fallback = chosen.TryGetValue(AgencyOwner(agencyId), out var agencyDefault) ? agencyDefault : Default(kind, hasMailbox);
        var mandatory = kind == NotificationKind.Escalation && Mandatory(chosen, agency.District);
        var workers = agency.Users.Select(u => new Audience(u.Id, u.HasEmail,
            mandatory ? NotificationMode.Immediately : chosen.GetValueOrDefault(UserOwner(u.Id), fallback))).ToList();
        NotificationMode? mailbox = !hasMailbox ? null
            : mandatory ? NotificationMode.Immediately
            : chosen.GetValueOrDefault(MailboxOwner(agencyId), MailboxDefault(kind));
        return new(workers, mailbox, hasMailbox);
    }

    /// <summary>One worker's mode for a kind addressed to them personally; null when they are not an active worker.</summary>
    public async Task<Audience?> UserAsync(Guid userId, NotificationKind kind, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId && u.IsActive)
            .Select(u => new { u.Id, u.AgencyId, HasEmail = u.Email != null, District = db.Agencies.Where(a => a.Id == u.AgencyId).Select(a => a.District).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return null;
        }

        var owners = new[] { UserOwner(userId), AgencyOwner(user.AgencyId), DistrictOwner(user.District ?? "") };
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.Kind == kind && owners.Contains(p.Owner))
            .ToDictionaryAsync(p => p.Owner, p => p.Mode, cancellationToken);
        var mode = kind == NotificationKind.Escalation && Mandatory(chosen, user.District)
            ? NotificationMode.Immediately
            : chosen.GetValueOrDefault(owners[0], chosen.GetValueOrDefault(owners[1], Default(kind, agencyHasMailbox: false)));
        return new(user.Id, user.HasEmail, mode);
    }

    // A district makes escalations mandatory with its own "immediately" row (read with the kind's other choices).
    private static bool Mandatory(Dictionary<string, NotificationMode> chosen, string? district) =>
        chosen.TryGetValue(DistrictOwner(district ?? ""), out var mode) && mode == NotificationMode.Immediately;

    /// <summary>
    /// Of <paramref name="owners"/> (<c>user:{id}</c>, <c>mailbox:{agency}</c>), those who do not want <paramref name="kind"/>
    /// by email at once: they chose the digest or the app (or their agency chose it for them), and their district does not
    /// make escalations mandatory. Set-based: a few queries whatever the number of owners.
    /// </summary>
    public async Task<IReadOnlySet<string>> NotMailedAsync(IReadOnlyCollection<string> owners, NotificationKind kind, CancellationToken cancellationToken)
    {
        var userIds = owners.Select(o => o.StartsWith("user:", StringComparison.Ordinal) && Guid.TryParse(o[5..], out var id) ? id : Guid.Empty)
            .Where(id => id != Guid.Empty).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => UserOwner(u.Id), u => u.AgencyId, cancellationToken);
        var mailboxes = owners.Where(o => o.StartsWith("mailbox:", StringComparison.Ordinal)).ToDictionary(o => o, o => o[8..]);
        var agencyIds = users.Values.Concat(mailboxes.Values).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => new { a.District, HasMailbox = a.Email != null && a.Email != "" }, cancellationToken);
        var keys = owners.Concat(agencyIds.Select(AgencyOwner)).Concat(agencies.Values.Select(a => DistrictOwner(a.District))).Distinct().ToList();
        var chosen = await db.NotificationPreferences.AsNoTracking().Where(p => p.Kind == kind && keys.Contains(p.Owner))
            .ToDictionaryAsync(p => p.Owner, p => p.Mode, cancellationToken);
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var owner in owners)
        {
            var agencyId = users.GetValueOrDefault(owner) ?? mailboxes.GetValueOrDefault(owner);
            var agency = agencyId is null ? null : agencies.GetValueOrDefault(agencyId);
            if (agencyId is null || agency is null
                || (kind == NotificationKind.Escalation && chosen.TryGetValue(DistrictOwner(agency.District), out var district) && district == NotificationMode.Immediately))
            {
                continue;
            }

            var mode = owner.StartsWith("mailbox:", StringComparison.Ordinal)
                ? chosen.GetValueOrDefault(owner, MailboxDefault(kind))
                : chosen.GetValueOrDefault(owner, chosen.GetValueOrDefault(AgencyOwner(agencyId), Default(kind, agency.HasMailbox)));
            if (mode != NotificationMode.Immediately)
            {
                result.Add(owner);
            }
        }

        return result;
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
