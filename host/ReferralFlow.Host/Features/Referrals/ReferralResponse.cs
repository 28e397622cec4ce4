using System.Text.Json;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>
/// A referral as every referral endpoint returns it. <c>Household</c>, the consenting person and step outcomes are left
/// out (<c>HouseholdRestricted</c>) for callers the consent does not cover; <c>Version</c> is the ETag. <c>ClosingOutcomeCode</c>
/// (resolved, moved, …) is shown to every participant, the free-text <c>ClosingOutcome</c> only with personal data.
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
    ConsentSummary? Consent,
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

/// <summary>The latest consent; who consented (a name) only for callers who may see personal data.</summary>
public sealed record ConsentSummary(
    string Method, DateTimeOffset ConsentedAt, IReadOnlyList<string> AgencyIds, IReadOnlyList<string> Categories, bool HealthData,
    string? ConsentedBy, string? Relationship, string? UrgentReason);

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
