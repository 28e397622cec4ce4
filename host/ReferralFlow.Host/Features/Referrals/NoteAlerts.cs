using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>
/// A note added to a referral tells the workers who may read it and work on the referral: the public owner agency and
/// each agency with a step on it that may read the note under <see cref="CaseViews.ReferralAccess"/>'s rules — the owner
/// side (referrer, hub), the author's own agency, or living consent while it still has work in it (an open step or the
/// owner's grant). Never its author, never the text: a bell entry (kind Note) opening the referral, and an email only for
/// those who chose it (notes default to the app only, <see cref="AlertPreferences.Default"/>). Saved with the note.
/// </summary>
public sealed class NoteAlerts(ReferralFlowDbContext db, WorkflowReadModel workflow, AlertFanout fanout)
{
    public const string Template = "note-added";

    /// <param name="referral">The referral, loaded with its consents and grants.</param>
    /// <param name="note">The new note.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    public async Task AddedAsync(Referral referral, ReferralNote note, CancellationToken cancellationToken)
    {
        var steps = await workflow.Tasks.Where(t => t.InstanceId == referral.InstanceId && t.AgencyId != null)
            .Select(t => new { t.Id, t.TaskId, AgencyId = t.AgencyId!, t.Status }).ToListAsync(cancellationToken);
        var hubs = await db.Agencies.AsNoTracking().Where(a => a.District == referral.District && a.Kind == AgencyKind.DistrictHub)
            .Select(a => a.Id).ToListAsync(cancellationToken);
        bool Reads(string agency) =>
            agency == referral.PublicOwnerAgencyId || agency == referral.ReferringAgencyId || hubs.Contains(agency) || agency == note.AgencyId
            || (referral.Consents.Any(c => c.WithdrawnAt == null && c.AgencyId == agency && c.Category == ConsentCategories.Living)
                && (referral.Grants.Any(g => g.AgencyId == agency && g.RevokedAt == null) || steps.Any(s => s.AgencyId == agency && s.Status == WorkTaskStatus.Open)));

        var taskRowId = note.TaskId is { } taskId ? steps.FirstOrDefault(s => s.TaskId == taskId)?.Id : null;
        var data = JsonSerializer.Serialize(new { referralId = referral.Id, noteId = note.Id, taskRowId });
        foreach (var agency in steps.Select(s => s.AgencyId).Append(referral.PublicOwnerAgencyId).Distinct(StringComparer.Ordinal).Where(Reads))
        {
            await fanout.ToAgencyAsync(agency, NotificationKind.Note, referral.InstanceId, taskRowId, data, cancellationToken, except: note.AuthorId);
        }
    }
}
