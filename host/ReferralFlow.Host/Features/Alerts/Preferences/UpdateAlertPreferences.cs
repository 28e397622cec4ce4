using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// <c>PUT /api/notification-preferences</c>: my choices per kind (<c>modes</c>: kind → immediately, digest or app-only;
/// <c>inherit</c> drops a choice so the agency's default applies); a supervisor of my agency may also set the agency's
/// defaults (<c>agencyDefaults</c>) and its shared mailbox's (<c>mailbox</c>), a district administrator whether escalation
/// alerts are mandatory. An escalation choice other than immediately is refused while they are (400).
/// </summary>
public sealed class UpdateAlertPreferences(CurrentUser user, ReferralFlowDbContext db, AlertPreferences preferences, GetAlertPreferences get, TimeProvider time)
{
    public sealed record Request(
        Dictionary<string, string>? Modes, List<string>? Inherit, Dictionary<string, string>? AgencyDefaults, Dictionary<string, string>? Mailbox,
        bool? EscalationsMandatory);

    public async Task<GetAlertPreferences.Response> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var mine = AlertModes.Parse(request.Modes, "modes");
        var agencyDefaults = AlertModes.Parse(request.AgencyDefaults, "agencyDefaults");
        var mailbox = AlertModes.Parse(request.Mailbox, "mailbox");
        var inherit = (request.Inherit ?? []).Select(k => AlertModes.Kind(k) ?? throw ApiException.Invalid("inherit", ProblemCode.ValueNotAllowed, string.Join(", ", AlertModes.Kinds.Select(AlertModes.Name)))).ToList();
        if ((agencyDefaults.Count > 0 || mailbox.Count > 0) && !user.IsSupervisor && !user.IsSystemAdmin)
        {
            throw ApiException.Forbidden(ProblemCode.AlertDefaultsForbidden);
        }

        var isDistrictAdmin = user.IsSystemAdmin || user.IsInRole(Roles.DistrictAdmin);
        if (request.EscalationsMandatory is not null && !isDistrictAdmin)
        {
            throw ApiException.Forbidden(ProblemCode.AlertDefaultsForbidden);
        }

        var mandatory = request.EscalationsMandatory
            ?? await preferences.EscalationsMandatoryAsync(user.District, cancellationToken);
        if (mandatory && mine.TryGetValue(NotificationKind.Escalation, out var escalation) && escalation != NotificationMode.Immediately)
        {
            throw ApiException.Invalid("modes.escalation", ProblemCode.EscalationAlertsMandatory);
        }

        var now = time.GetUtcNow();
        await SetAsync(AlertPreferences.UserOwner(user.Id), mine, inherit, now, cancellationToken);
        await SetAsync(AlertPreferences.AgencyOwner(user.AgencyId), agencyDefaults, [], now, cancellationToken);
        await SetAsync(AlertPreferences.MailboxOwner(user.AgencyId), mailbox, [], now, cancellationToken);
        if (request.EscalationsMandatory is { } flag)
        {
            await SetMandatoryAsync(flag, now, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return await get.HandleAsync(cancellationToken);
    }

    private async Task SetAsync(string owner, Dictionary<NotificationKind, NotificationMode> modes, List<NotificationKind> inherit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (modes.Count == 0 && inherit.Count == 0)
        {
            return;
        }

        var rows = await db.NotificationPreferences.Where(p => p.Owner == owner).ToDictionaryAsync(p => p.Kind, cancellationToken);
        foreach (var (kind, mode) in modes)
        {
            if (rows.TryGetValue(kind, out var row))
            {
                (row.Mode, row.UpdatedAt) = (mode, now);
            }
            else
            {
                db.NotificationPreferences.Add(new NotificationPreference { Owner = owner, Kind = kind, Mode = mode, UpdatedAt = now });
            }
        }

        foreach (var kind in inherit.Where(k => !modes.ContainsKey(k) && rows.ContainsKey(k)))
        {
            db.NotificationPreferences.Remove(rows[kind]);
        }
    }

    private async Task SetMandatoryAsync(bool flag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var owner = AlertPreferences.DistrictOwner(user.District);
        var row = await db.NotificationPreferences.SingleOrDefaultAsync(p => p.Owner == owner && p.Kind == NotificationKind.Escalation, cancellationToken);
        if (!flag && row is not null)
        {
            db.NotificationPreferences.Remove(row);
        }
        else if (flag && row is null)
        {
            db.NotificationPreferences.Add(new NotificationPreference { Owner = owner, Kind = NotificationKind.Escalation, Mode = NotificationMode.Immediately, UpdatedAt = now });
        }
    }
}
