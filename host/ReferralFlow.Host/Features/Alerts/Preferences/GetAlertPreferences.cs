using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// <c>GET /api/notification-preferences</c>: per kind, how I hear of it (my choice or the default I inherit), my
/// agency's defaults and shared mailbox choice, and whether my district makes escalation alerts mandatory.
/// </summary>
public sealed class GetAlertPreferences(CurrentUser user, ReferralFlowDbContext db, AlertPreferences preferences)
{
    public sealed record Choice(string Kind, string Mode, bool Chosen, string Default);

    public sealed record Response(
        IReadOnlyList<Choice> Mine, IReadOnlyList<Choice> AgencyDefaults, IReadOnlyList<Choice>? Mailbox, bool EscalationsMandatory, bool CanEditAgency, bool CanEditDistrict);

    public async Task<Response> HandleAsync(CancellationToken cancellationToken)
    {
        var agencyId = user.AgencyId;
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => new { a.Email, a.District }).SingleOrDefaultAsync(cancellationToken);
        var hasMailbox = agency?.Email is { Length: > 0 };
        var owners = new[] { AlertPreferences.UserOwner(user.Id), AlertPreferences.AgencyOwner(agencyId), AlertPreferences.MailboxOwner(agencyId) };
        var rows = await db.NotificationPreferences.AsNoTracking().Where(p => owners.Contains(p.Owner)).ToListAsync(cancellationToken);
        NotificationMode? Find(string owner, NotificationKind kind) => rows.FirstOrDefault(p => p.Owner == owner && p.Kind == kind)?.Mode;
        var mandatory = await preferences.EscalationsMandatoryAsync(user.District, cancellationToken);

        var agencyDefaults = AlertModes.Kinds.Select(k =>
        {
            var builtIn = AlertPreferences.Default(k, hasMailbox);
            var mode = Find(owners[1], k);
            return new Choice(AlertModes.Name(k), AlertModes.Name(mode ?? builtIn), mode is not null, AlertModes.Name(builtIn));
        }).ToList();
        var mine = AlertModes.Kinds.Select(k =>
        {
            var inherited = Find(owners[1], k) ?? AlertPreferences.Default(k, hasMailbox);
            var mode = k == NotificationKind.Escalation && mandatory ? NotificationMode.Immediately : Find(owners[0], k) ?? inherited;
            return new Choice(AlertModes.Name(k), AlertModes.Name(mode), Find(owners[0], k) is not null, AlertModes.Name(inherited));
        }).ToList();
        var mailbox = hasMailbox
            ? AlertModes.Kinds.Where(k => AlertPreferences.IsAgencyNews(k) || k is NotificationKind.Escalation or NotificationKind.Note).Select(k =>
                new Choice(AlertModes.Name(k), AlertModes.Name(Find(owners[2], k) ?? AlertPreferences.MailboxDefault(k)), Find(owners[2], k) is not null, AlertModes.Name(AlertPreferences.MailboxDefault(k)))).ToList()
            : null;
        return new(mine, agencyDefaults, mailbox, mandatory, user.IsSupervisor || user.IsSystemAdmin, user.IsSystemAdmin || user.IsInRole(Roles.DistrictAdmin));
    }
}
