using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Tasks;

/// <summary>
/// <c>GET /api/tasks/{id}</c>: a task with its outcome form, the step's instructions, the referral's context (the
/// household's name), the steps completed before it and the case notes. The name, earlier outcomes and notes are shown
/// only as far as <see cref="ReferralAccess"/> allows: without consent the agency sees the referral number, dong, step, deadline and form, no household identity and no earlier outcomes. For the agency the task is offered to, and read-only for the district hub and the referral's public case owner; audited as
/// <c>task.read</c>.
/// </summary>
public sealed class GetTask(
    TaskAccess access, ReferralAccess referrals, TaskViews views, AuditLog audit, WorkflowReadModel workflow, ReferralFlowDbContext db)
{
    public sealed record Response(
        TaskItem Task,
        string? Documentation,
        IReadOnlyList<FormFieldView> Form,
        ReferralContext? Referral,
        IReadOnlyList<PreviousStep> PreviousSteps,
        IReadOnlyList<NoteView> Notes,
        int InstanceVersion);

    /// <summary>A field of the step's form; <c>Health</c> marks health data (민감정보), shown only with health consent.</summary>
    public sealed record FormFieldView(string Id, FormFieldType Type, string? Label, bool Required, IReadOnlyList<FormOptionView> Options, bool Health = false);

    public sealed record FormOptionView(string Value, string? Label);

    /// <summary>What the caller's agency may see of the referral; <c>HouseholdName</c> is null without consent.</summary>
    public sealed record ReferralContext(
        Guid Id, string Number, ReferralStatus Status, string District, string? Dong, AgencyRef ReferringAgency, AgencyRef PublicOwnerAgency,
        string? HouseholdName, bool HouseholdRestricted, DateTimeOffset OpenedAt);

    /// <summary>
    /// A completed step of the same referral; its outcome (raw, and as <c>Fields</c> with the form's labels) only for
    /// callers who may see personal data.
    /// </summary>
    public sealed record PreviousStep(
        Guid Id, TaskStep Step, AgencyRef? Agency, UserRef? CompletedBy, DateTimeOffset? CompletedAt, JsonElement? Outcome,
        IReadOnlyList<OutcomeEntry>? Fields = null);

    public sealed record NoteView(Guid Id, string AuthorName, string AgencyId, int? TaskId, string Text, DateTimeOffset CreatedAt);

    public async Task<Response> HandleAsync(Guid id, CancellationToken cancellationToken)
    {
        var task = await access.GetReadableAsync(id, cancellationToken);
        var definition = await access.GetDefinitionAsync(task.InstanceId, cancellationToken);
        var step = definition.TryGetNode(task.NodeId, out var current) ? current as UserTask : null;
        var referral = await referrals.ByInstanceAsync(task.InstanceId, cancellationToken);
        var lens = referral is null ? CaseLens.None : await referrals.LensAsync(referral, cancellationToken);
        var me = referrals.AgencyId;
        var instanceVersion = await workflow.Instances.Where(i => i.Id == task.InstanceId).Select(i => i.Revision).SingleAsync(cancellationToken);
        // Earlier outcomes are the household's living situation: with living consent (up to the agency's last step), or its own.
        var done = (await workflow.Tasks
            .Where(t => t.InstanceId == task.InstanceId && t.Status == WorkTaskStatus.Completed && t.Id != task.Id)
            .OrderBy(t => t.CompletedAt).ThenBy(t => t.TaskId).ToListAsync(cancellationToken))
            .Where(t => lens.Covers(t.CompletedAt)).ToList();
        bool Shows(WorkTaskRecord t) => (lens.Living && lens.Covers(t.CompletedAt)) || t.AgencyId == me;
        var agencyIds = done.Select(t => t.AgencyId).Append(referral?.ReferringAgencyId).Append(referral?.PublicOwnerAgencyId).OfType<string>().Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var users = await CaseRows.UserNamesAsync(db, done.Select(t => t.Assignee), cancellationToken);
        // Notes carry the household's circumstances: they follow the living consent, like outcomes.
        var notes = referral is null
            ? []
            : (await db.ReferralNotes.AsNoTracking().Where(n => n.ReferralId == referral.Id).OrderBy(n => n.CreatedAt)
                .Select(n => new NoteView(n.Id, n.AuthorName, n.AgencyId, n.TaskId, n.Text, n.CreatedAt)).ToListAsync(cancellationToken))
                .Where(n => n.AgencyId == me || (lens.Living && lens.Covers(n.CreatedAt))).ToList();

        await audit.RecordNowAsync(AuditActions.TaskRead, referral?.Id, $"task {task.Id} step {task.TaskId}; {lens.AuditDetail()}", cancellationToken);
        AgencyRef Agency(string agencyId) => new(agencyId, agencies.GetValueOrDefault(agencyId, agencyId));
        return new Response(
            await views.BuildAsync(task, cancellationToken),
            step?.Documentation,
            step?.Fields.Select(f => new FormFieldView(f.Id, f.Type, f.Label, f.Required, [.. f.Options.Select(o => new FormOptionView(o.Value, o.Label))], f.Health)).ToList() ?? [],
            referral is null ? null : new ReferralContext(
                referral.Id, referral.Number, referral.Status, referral.District, referral.Dong,
                Agency(referral.ReferringAgencyId), Agency(referral.PublicOwnerAgencyId),
                lens.Identity ? referral.Household.Name : null, !lens.Identity, referral.OpenedAt),
            [.. done.Select(t => new PreviousStep(
                t.Id, new TaskStep(t.NodeId, t.Name, t.TaskId), t.AgencyId is null ? null : Agency(t.AgencyId),
                CaseRows.UserRef(t.Assignee, users), t.CompletedAt,
                Shows(t) ? HealthFields.Redact(definition, t.NodeId, CaseRows.ParseObject(t.OutcomeJson), lens.Health || t.AgencyId == me) : null,
                Shows(t) ? OutcomeEntry.Read(definition, t.NodeId, CaseRows.ParseObject(t.OutcomeJson), lens.Health || t.AgencyId == me) : null))],
            notes,
            instanceVersion);
    }
}
