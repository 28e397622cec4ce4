using System.Text.Json;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Features.Consents;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>
/// A referral as every referral endpoint returns it, as far as the caller may see it (<see cref="CaseViews.ReferralAccess"/>):
/// <c>Household</c> is left out (<c>HouseholdRestricted</c>) without basic consent, outcomes and the closing outcome
/// without living consent, later steps for an agency whose steps are done. <c>ConsentNeeded</c> (owner side only) names
/// agencies that have a step but no consent yet. <c>ClosingOutcomeCode</c> (resolved, moved, …) is shown to every participant,
/// the free-text <c>ClosingOutcome</c> only with living consent. <c>Version</c> is the ETag.
/// </summary>
public sealed record ReferralResponse(
    Guid Id,
    string Number,
    ReferralStatus Status,
    string WorkflowKey,
    int WorkflowVersion,
    bool WorkflowCompleted,
    InstanceStatus InstanceStatus,
    string District,
    string? Dong,
    AgencyRef ReferringAgency,
    AgencyRef PublicOwnerAgency,
    HouseholdView? Household,
    bool HouseholdRestricted,
    IReadOnlyList<ConsentView> Consents,
    IReadOnlyList<ConsentNeed> ConsentNeeded,
    IReadOnlyList<ParticipantView> Participants,
    IReadOnlyList<StepView> Steps,
    IReadOnlyList<IncidentView> Incidents,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    string? ClosingOutcome,
    string? ClosingOutcomeCode,
    DateTimeOffset RetainUntil,
    int Version,
    int InstanceRevision);

public sealed record HouseholdView(string Name, DateOnly? BirthDate, string? Address, string? Phone, int? Members);

public sealed record ParticipantView(string Role, string? RoleName, string AgencyId, string AgencyName);

/// <summary>One task row of the referral's workflow instance.</summary>
public sealed record StepView(
    int TaskId,
    string NodeId,
    string Name,
    string? Role,
    AgencyRef? Agency,
    UserRef? Assignee,
    WorkTaskStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DueAt,
    bool Overdue,
    int EscalationLevel,
    DateTimeOffset? CompletedAt,
    JsonElement? Outcome,
    string? CancelReason,
    int Revision,
    IReadOnlyList<OutcomeEntry>? Fields = null);

/// <summary>A stuck token that needs an operator's repair.</summary>
public sealed record IncidentView(int TokenId, string NodeId, string? NodeName, string? Message);
