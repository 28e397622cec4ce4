using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>Builds <see cref="ReferralResponse"/> from the referral and its instance's rows, and looks up display names.</summary>
public sealed class ReferralViews(
    ReferralFlowDbContext db, WorkflowReadModel workflow, ReferralAccess access, TimeProvider time)
{
    public async Task<ReferralResponse> BuildAsync(Referral referral, CancellationToken cancellationToken)
    {
        var personal = access.CanSeePersonalData(referral);
        var health = access.CanSeeHealthData(referral);
        var instance = await workflow.Instances.Where(i => i.Id == referral.InstanceId)
            .Select(i => new { i.VersionId, i.Status, i.Revision, i.StateJson }).SingleAsync(cancellationToken);
        var definition = await DefinitionAsync(instance.VersionId, cancellationToken);
        var tasks = await workflow.Tasks.Where(t => t.InstanceId == referral.InstanceId)
            .OrderBy(t => t.TaskId).ToListAsync(cancellationToken);
        var agencies = await AgencyNamesAsync(
            tasks.Select(t => t.AgencyId).Concat(referral.Participants.Select(p => p.AgencyId))
                .Append(referral.ReferringAgencyId).Append(referral.PublicOwnerAgencyId),
            cancellationToken);
        var users = await CaseRows.UserNamesAsync(db, tasks.Select(t => t.Assignee), cancellationToken);
        var now = time.GetUtcNow();

        var roleNames = definition.Roles.ToDictionary(r => r.Key, r => r.Name, StringComparer.Ordinal);
        var participants = referral.Participants.OrderBy(p => p.RoleKey, StringComparer.Ordinal)
            .Select(p => new ParticipantView(p.RoleKey, roleNames.GetValueOrDefault(p.RoleKey), p.AgencyId, agencies.GetValueOrDefault(p.AgencyId, p.AgencyId)))
            .ToList();
        var steps = tasks.Select(t => new StepView(
            t.TaskId, t.NodeId, t.Name, t.RoleKey,
            t.AgencyId is null ? null : new AgencyRef(t.AgencyId, agencies.GetValueOrDefault(t.AgencyId, t.AgencyId)),
            CaseRows.UserRef(t.Assignee, users),
            t.Status, t.CreatedAt, t.DueAt,
            t.Status == WorkTaskStatus.Open && t.DueAt < now,
            t.EscalationLevel, t.CompletedAt,
            personal && t.Status == WorkTaskStatus.Completed ? HealthFields.Redact(definition, t.NodeId, CaseRows.ParseObject(t.OutcomeJson), health) : null,
            t.CancelReason, t.Revision,
            personal && t.Status == WorkTaskStatus.Completed ? OutcomeEntry.Read(definition, t.NodeId, CaseRows.ParseObject(t.OutcomeJson), health) : null)).ToList();
        var incidents = InstanceStateJson.Deserialize(instance.StateJson).Tokens
            .Where(t => t.State == TokenState.Incident)
            .Select(t => new IncidentView(t.Id, t.NodeId, definition.TryGetNode(t.NodeId, out var node) ? node.DisplayName : null, t.Incident))
            .ToList();

        var consent = referral.Consents.OrderByDescending(c => c.RecordedAt).FirstOrDefault();
        var household = referral.Household;
        return new ReferralResponse(
            referral.Id, referral.Number, referral.Status, referral.WorkflowKey, referral.WorkflowVersion,
            instance.Status is InstanceStatus.Completed or InstanceStatus.Terminated, instance.Status,
            referral.District, referral.Dong,
            new AgencyRef(referral.ReferringAgencyId, agencies.GetValueOrDefault(referral.ReferringAgencyId, referral.ReferringAgencyId)),
            new AgencyRef(referral.PublicOwnerAgencyId, agencies.GetValueOrDefault(referral.PublicOwnerAgencyId, referral.PublicOwnerAgencyId)),
            personal ? new HouseholdView(household.Name, household.BirthDate, household.Address, household.Phone, household.Members) : null,
            !personal,
            consent is null ? null : new ConsentSummary(
                consent.Method, consent.ConsentedAt, referral.Consents.SelectMany(c => c.AgencyIds).Distinct(StringComparer.Ordinal).ToList(),
                consent.Categories, consent.HealthData,
                personal ? consent.ConsentedBy : null, personal ? consent.Relationship : null, personal ? consent.UrgentReason : null),
            participants, steps, incidents,
            referral.OpenedAt, referral.ClosedAt, personal ? referral.ClosingOutcome : null, referral.ClosingOutcomeCode, referral.RetainUntil,
            referral.Revision, instance.Revision);
    }

    /// <summary>The parsed definition of a published version (cached; parsed once per process).</summary>
    public Task<WorkflowDefinition> DefinitionAsync(Guid versionId, CancellationToken cancellationToken) =>
        workflow.GetDefinitionAsync(versionId, cancellationToken);

    public async Task<Dictionary<string, string>> AgencyNamesAsync(IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return await db.Agencies.AsNoTracking().Where(a => wanted.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Name, StringComparer.Ordinal, cancellationToken);
    }
}
