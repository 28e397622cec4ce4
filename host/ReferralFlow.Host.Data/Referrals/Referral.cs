namespace ReferralFlow.Host.Data;

/// <summary>The closed-loop status of a referral (after HL7 FHIR's SDOH referral model).</summary>
public enum ReferralStatus
{
    Requested,
    Received,
    Accepted,
    Declined,
    InProgress,
    OnHold,
    Completed,
    Cancelled,
}

/// <summary>
/// One household's case routed through a published workflow version. The public case owner stays responsible
/// until it closes; the referring agency receives the closing reply.
/// </summary>
public sealed class Referral
{
    public Guid Id { get; set; }

    /// <summary>Human-readable number, e.g. <c>2026-000123</c>.</summary>
    public required string Number { get; set; }

    public required string WorkflowKey { get; set; }

    public int WorkflowVersion { get; set; }

    /// <summary>The workflow instance that routes this referral.</summary>
    public Guid InstanceId { get; set; }

    public ReferralStatus Status { get; set; }

    public required string District { get; set; }

    public string? Dong { get; set; }

    public required string ReferringAgencyId { get; set; }

    public Guid ReferringUserId { get; set; }

    /// <summary>The public agency responsible until the referral closes (컨트롤타워).</summary>
    public required string PublicOwnerAgencyId { get; set; }

    public Guid? PublicOwnerUserId { get; set; }

    /// <summary>The household's minimal personal data; never a resident registration number.</summary>
    public required Household Household { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The case owner's free-text closing note; stays in the system (never in a message or export).</summary>
    public string? ClosingOutcome { get; set; }

    /// <summary>The closing outcome as a fixed code (resolved, moved, …); messages carry its label, never the free text.</summary>
    public string? ClosingOutcomeCode { get; set; }

    /// <summary>
    /// Keyed hash (HMAC-SHA256, hex) of the household's normalised name and birth date, to find an open referral of the
    /// same household in the district without another copy of its identity; null without a birth date.
    /// </summary>
    public string? HouseholdKey { get; set; }

    /// <summary>The same hash with the normalised address; null without an address (then only name and birth date match).</summary>
    public string? HouseholdAddressKey { get; set; }

    /// <summary>Why the referral was opened although the district already had an open referral for the household.</summary>
    public string? DuplicateReason { get; set; }

    /// <summary>When the personal data is destroyed or anonymised (default five years after opening).</summary>
    public DateTimeOffset RetainUntil { get; set; }

    /// <summary>Optimistic concurrency token, exposed to clients as the ETag.</summary>
    public int Revision { get; set; }

    public List<ReferralParticipant> Participants { get; set; } = [];

    public List<ReferralConsent> Consents { get; set; } = [];
}

/// <summary>The minimum personal data of the household (개인정보 최소수집).</summary>
public sealed class Household
{
    public required string Name { get; set; }

    public DateOnly? BirthDate { get; set; }

    public string? Address { get; set; }

    public string? Phone { get; set; }

    /// <summary>Household size, if known.</summary>
    public int? Members { get; set; }
}

/// <summary>The role allocation of one referral: which agency fills which workflow role.</summary>
public sealed class ReferralParticipant
{
    public Guid ReferralId { get; set; }

    public required string RoleKey { get; set; }

    public required string AgencyId { get; set; }
}

/// <summary>
/// Consent to share the household's data: who consented, when, with which agencies, which data categories.
/// Health data (민감정보) needs its own consent.
/// </summary>
public sealed class ReferralConsent
{
    public Guid Id { get; set; }

    public Guid ReferralId { get; set; }

    /// <summary>Who consented: the client or a legal guardian (name).</summary>
    public required string ConsentedBy { get; set; }

    /// <summary>Relationship to the client, e.g. 본인, 배우자, 법정대리인.</summary>
    public string? Relationship { get; set; }

    public DateTimeOffset ConsentedAt { get; set; }

    /// <summary>written, oral or urgent (개인정보보호법 §18② — sharing without consent for a threat to life).</summary>
    public required string Method { get; set; }

    public List<string> AgencyIds { get; set; } = [];

    public List<string> Categories { get; set; } = [];

    public bool HealthData { get; set; }

    /// <summary>For <c>urgent</c>: why the data was shared without consent (the threat to life or body).</summary>
    public string? UrgentReason { get; set; }

    public Guid RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>A note on the shared case timeline (handover notes, observations).</summary>
public sealed class ReferralNote
{
    public Guid Id { get; set; }

    public Guid ReferralId { get; set; }

    public Guid AuthorId { get; set; }

    public required string AuthorName { get; set; }

    public required string AgencyId { get; set; }

    public int? TaskId { get; set; }

    public required string Text { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The last referral number handed out per year. Incremented with one upsert inside the opening transaction, so numbers
/// are unique and gap-free on both providers (the row lock serialises concurrent openers until commit).
/// </summary>
public sealed class ReferralNumberCounter
{
    public int Year { get; set; }

    public int LastNumber { get; set; }
}
