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

    public List<ReferralAccessGrant> Grants { get; set; } = [];
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

/// <summary>
/// The role allocation of one referral: which agency fills which workflow role (the engine routes steps by it). Being
/// allocated a role gives no access: an agency takes part when a step is created for it.
/// </summary>
public sealed class ReferralParticipant
{
    public Guid ReferralId { get; set; }

    public required string RoleKey { get; set; }

    public required string AgencyId { get; set; }
}

/// <summary>The fixed consent categories (동의 항목): what a recipient agency may see of the household.</summary>
public static class ConsentCategories
{
    /// <summary>기본정보: identity and contact (name, birth date, address, phone).</summary>
    public const string Basic = "basic";

    /// <summary>생활실태: living situation — step outcomes, notes, the closing outcome.</summary>
    public const string Living = "living";

    /// <summary>건강정보: health data (민감정보, 개인정보 보호법 §23), always consented separately.</summary>
    public const string Health = "health";

    public static readonly IReadOnlyList<string> All = [Basic, Living, Health];
}

/// <summary>
/// One consent to share one category of the household's data with one recipient agency: who consented, how, when and who
/// recorded it. Consent grows with the case (typically at the joint visit, agency by agency) and can be withdrawn (철회):
/// a withdrawn row stops sharing at once and stays as history.
/// </summary>
public sealed class ReferralConsent
{
    public Guid Id { get; set; }

    public Guid ReferralId { get; set; }

    /// <summary>The recipient agency.</summary>
    public required string AgencyId { get; set; }

    /// <summary>One of <see cref="ConsentCategories"/>.</summary>
    public required string Category { get; set; }

    /// <summary>Who consented: the client or a legal guardian (name).</summary>
    public required string ConsentedBy { get; set; }

    /// <summary>Relationship to the client, e.g. 본인, 배우자, 법정대리인.</summary>
    public string? Relationship { get; set; }

    public DateTimeOffset ConsentedAt { get; set; }

    /// <summary>written, oral or urgent (개인정보보호법 §18② — sharing without consent for a threat to life).</summary>
    public required string Method { get; set; }

    /// <summary>For <c>urgent</c>: why the data was shared without consent (the threat to life or body).</summary>
    public string? UrgentReason { get; set; }

    public Guid RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>The step during which it was recorded (e.g. the joint visit), if any.</summary>
    public int? TaskId { get; set; }

    public DateTimeOffset? WithdrawnAt { get; set; }

    public Guid? WithdrawnBy { get; set; }

    public bool IsActive => WithdrawnAt is null;
}

/// <summary>
/// An agency the public case owner added to the referral explicitly (with an audited reason), or whose read access the
/// owner extended after its steps were done. Other agencies take part only through the steps they are given.
/// </summary>
public sealed class ReferralAccessGrant
{
    public Guid Id { get; set; }

    public Guid ReferralId { get; set; }

    public required string AgencyId { get; set; }

    public required string Reason { get; set; }

    public Guid GrantedBy { get; set; }

    public DateTimeOffset GrantedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
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
