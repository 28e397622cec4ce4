namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// A stable, kebab-case problem code: the <c>code</c> of a problem response (and, per field, of <c>errorCodes</c>) that
/// clients switch on, and the key of its text in <c>Resources/ProblemText.resx</c> (Korean) and <c>ProblemText.en.resx</c>.
/// Never rename a code; add a new one.
/// </summary>
public readonly record struct ProblemCode(string Value)
{
    // Any request (by HTTP status, when nothing more specific applies).
    public static readonly ProblemCode BadRequest = new("bad-request");
    public static readonly ProblemCode Unauthorized = new("unauthorized");
    public static readonly ProblemCode Forbidden = new("forbidden");
    public static readonly ProblemCode NotFound = new("not-found");
    public static readonly ProblemCode MethodNotAllowed = new("method-not-allowed");
    public static readonly ProblemCode Conflict = new("conflict");
    public static readonly ProblemCode RequestTooLarge = new("request-too-large");
    public static readonly ProblemCode UnsupportedMediaType = new("unsupported-media-type");
    public static readonly ProblemCode Unprocessable = new("unprocessable");
    public static readonly ProblemCode Locked = new("locked");
    public static readonly ProblemCode TooManyRequests = new("too-many-requests");
    public static readonly ProblemCode ServerError = new("server-error");
    public static readonly ProblemCode Unavailable = new("unavailable");
    public static readonly ProblemCode Error = new("error");

    /// <summary>400 with field errors: see <c>errors</c> and <c>errorCodes</c>.</summary>
    public static readonly ProblemCode InvalidRequest = new("invalid-request");

    // Versions and the engine.
    public static readonly ProblemCode ConcurrencyConflict = new("concurrency-conflict");
    public static readonly ProblemCode VersionRequired = new("version-required");
    public static readonly ProblemCode IfMatchInvalid = new("if-match-invalid");
    public static readonly ProblemCode InstanceNotRunning = new("instance-not-running");
    public static readonly ProblemCode AlreadyStarted = new("already-started");
    public static readonly ProblemCode TaskNotOpen = new("task-not-open");
    public static readonly ProblemCode TimerNotPending = new("timer-not-pending");
    public static readonly ProblemCode TokenNotFound = new("token-not-found");
    public static readonly ProblemCode InvalidTarget = new("invalid-target");
    public static readonly ProblemCode InvalidDefinition = new("invalid-definition");
    public static readonly ProblemCode InvalidWorkflow = new("invalid-workflow");
    public static readonly ProblemCode WorkflowNotFound = new("workflow-not-found");
    public static readonly ProblemCode DistrictNotVisible = new("district-not-visible");
    public static readonly ProblemCode DistrictWithoutAgencies = new("district-without-agencies");

    // Workflow documents (the designer's API).
    public static readonly ProblemCode WorkflowXmlRequired = new("workflow-xml-required");
    public static readonly ProblemCode WorkflowMediaType = new("workflow-media-type");
    public static readonly ProblemCode WorkflowBodyInvalid = new("workflow-body-invalid");
    public static readonly ProblemCode WorkflowTooLarge = new("workflow-too-large");
    public static readonly ProblemCode WorkflowKeyTooLong = new("workflow-key-too-long");
    public static readonly ProblemCode WorkflowExists = new("workflow-exists");
    public static readonly ProblemCode DraftStale = new("draft-stale");
    public static readonly ProblemCode DraftRevisionRequired = new("draft-revision-required");

    // Field checks shared by many requests.
    public static readonly ProblemCode FieldRequired = new("field-required");
    public static readonly ProblemCode TooLong = new("too-long");
    public static readonly ProblemCode ResidentNumber = new("resident-number");
    public static readonly ProblemCode ValueNotAllowed = new("value-not-allowed");
    public static readonly ProblemCode NumberOutOfRange = new("number-out-of-range");
    public static readonly ProblemCode DateInFuture = new("date-in-future");
    public static readonly ProblemCode DateTooEarly = new("date-too-early");
    public static readonly ProblemCode RangeReversed = new("range-reversed");
    public static readonly ProblemCode RangeTooLong = new("range-too-long");
    public static readonly ProblemCode ReasonRequired = new("reason-required");

    // Agencies and role allocations.
    public static readonly ProblemCode AgencyNotFound = new("agency-not-found");
    public static readonly ProblemCode AgencyNotInDistrict = new("agency-not-in-district");
    public static readonly ProblemCode AllocationsForbidden = new("allocations-forbidden");
    public static readonly ProblemCode RoleKeyInvalid = new("role-key-invalid");
    public static readonly ProblemCode RoleAllocatedTwice = new("role-allocated-twice");
    public static readonly ProblemCode RoleUnallocated = new("role-unallocated");
    public static readonly ProblemCode RoleUnknown = new("role-unknown");

    // Collaboration and reports.
    public static readonly ProblemCode JointResponseForbidden = new("joint-response-forbidden");
    public static readonly ProblemCode HoursInvalid = new("hours-invalid");
    public static readonly ProblemCode ReportOtherDistrict = new("report-other-district");

    // Referrals.
    public static readonly ProblemCode ReferralNotFound = new("referral-not-found");
    public static readonly ProblemCode AccountWithoutAgency = new("account-without-agency");
    public static readonly ProblemCode WorkflowNotPublished = new("workflow-not-published");
    public static readonly ProblemCode ConsentRequired = new("consent-required");
    public static readonly ProblemCode UrgentReasonRequired = new("urgent-reason-required");
    public static readonly ProblemCode ConsentAgenciesInvalid = new("consent-agencies-invalid");
    public static readonly ProblemCode ConsentCategoriesInvalid = new("consent-categories-invalid");
    public static readonly ProblemCode AgenciesUnknown = new("agencies-unknown");
    public static readonly ProblemCode ConsentForbidden = new("consent-forbidden");
    public static readonly ProblemCode ConsentNotFound = new("consent-not-found");
    public static readonly ProblemCode GrantForbidden = new("grant-forbidden");
    public static readonly ProblemCode GrantNotFound = new("grant-not-found");
    public static readonly ProblemCode PossibleDuplicate = new("possible-duplicate");
    public static readonly ProblemCode VariablesNotObject = new("variables-not-object");
    public static readonly ProblemCode VariablesInvalid = new("variables-invalid");
    public static readonly ProblemCode DongUnknown = new("dong-unknown");
    public static readonly ProblemCode OwnerUnallocated = new("owner-unallocated");
    public static readonly ProblemCode OwnerNotPublic = new("owner-not-public");
    public static readonly ProblemCode NoteForbidden = new("note-forbidden");
    public static readonly ProblemCode StepUnknown = new("step-unknown");
    public static readonly ProblemCode CloseForbidden = new("close-forbidden");
    public static readonly ProblemCode ReferralClosed = new("referral-closed");
    public static readonly ProblemCode StepsChanged = new("steps-changed");
    public static readonly ProblemCode ClosingOutcomeRequired = new("closing-outcome-required");
    public static readonly ProblemCode StepReasonRequired = new("step-reason-required");

    // Repair.
    public static readonly ProblemCode InstanceNotFound = new("instance-not-found");
    public static readonly ProblemCode WorkflowVersionNotPublished = new("workflow-version-not-published");
    public static readonly ProblemCode UpToDate = new("up-to-date");
    public static readonly ProblemCode TargetVersionInvalid = new("target-version-invalid");
    public static readonly ProblemCode TargetVersionNotNewer = new("target-version-not-newer");
    public static readonly ProblemCode MigrationIncompatible = new("migration-incompatible");
    public static readonly ProblemCode InstanceEnded = new("instance-ended");
    public static readonly ProblemCode StepNeverReached = new("step-never-reached");
    public static readonly ProblemCode StepOpen = new("step-open");

    // Tasks.
    public static readonly ProblemCode TaskNotFound = new("task-not-found");
    public static readonly ProblemCode TaskClaimed = new("task-claimed");
    public static readonly ProblemCode UnclaimForbidden = new("unclaim-forbidden");
    public static readonly ProblemCode HandoverForbidden = new("handover-forbidden");
    public static readonly ProblemCode HandoverSameWorker = new("handover-same-worker");
    public static readonly ProblemCode WorkerNotInAgency = new("worker-not-in-agency");
    public static readonly ProblemCode ColleagueInvalid = new("colleague-invalid");
    public static readonly ProblemCode ReassignTargetRequired = new("reassign-target-required");
    public static readonly ProblemCode ReassignAgencyForbidden = new("reassign-agency-forbidden");
    public static readonly ProblemCode ReassignForbidden = new("reassign-forbidden");
    public static readonly ProblemCode AssigneeNotInAgency = new("assignee-not-in-agency");
    public static readonly ProblemCode TaskWithoutReferral = new("task-without-referral");
    public static readonly ProblemCode AlreadyWithReferrer = new("already-with-referrer");
    public static readonly ProblemCode StepNoLongerInWorkflow = new("step-no-longer-in-workflow");

    // Notifications (the outbox, for system administrators).
    public static readonly ProblemCode NotificationNotFound = new("notification-not-found");
    public static readonly ProblemCode NotificationNotFailed = new("notification-not-failed");

    // Notification preferences.
    public static readonly ProblemCode AlertDefaultsForbidden = new("alert-defaults-forbidden");
    public static readonly ProblemCode EscalationAlertsMandatory = new("escalation-alerts-mandatory");

    // Sign-in, sessions, paging and request binding.
    public static readonly ProblemCode SignInFailed = new("sign-in-failed");
    public static readonly ProblemCode SignInBackOff = new("sign-in-back-off");
    public static readonly ProblemCode RefreshFailed = new("refresh-failed");
    public static readonly ProblemCode RefreshTokenRequired = new("refresh-token-required");
    public static readonly ProblemCode LogoutWithoutSession = new("logout-without-session");
    public static readonly ProblemCode LogoutBodyInvalid = new("logout-body-invalid");
    public static readonly ProblemCode CredentialsRequired = new("credentials-required");
    public static readonly ProblemCode PasswordsRequired = new("passwords-required");
    public static readonly ProblemCode PasswordMismatch = new("password-mismatch");
    public static readonly ProblemCode PasswordTooShort = new("password-too-short");
    public static readonly ProblemCode PasswordRequiresDigit = new("password-requires-digit");
    public static readonly ProblemCode PasswordRequiresLower = new("password-requires-lower");
    public static readonly ProblemCode PasswordRequiresUpper = new("password-requires-upper");
    public static readonly ProblemCode PasswordRequiresSymbol = new("password-requires-symbol");
    public static readonly ProblemCode PasswordRequiresUniqueChars = new("password-requires-unique-chars");
    public static readonly ProblemCode PasswordRefused = new("password-refused");
    public static readonly ProblemCode LimitOutOfRange = new("limit-out-of-range");
    public static readonly ProblemCode CursorInvalid = new("cursor-invalid");
    public static readonly ProblemCode YearOutOfRange = new("year-out-of-range");
    public static readonly ProblemCode DistrictListForbidden = new("district-list-forbidden");
    public static readonly ProblemCode AssigneeListForbidden = new("assignee-list-forbidden");
    public static readonly ProblemCode UnknownProperty = new("unknown-property");
    public static readonly ProblemCode JsonValueInvalid = new("json-value-invalid");
    public static readonly ProblemCode ParameterValueInvalid = new("parameter-value-invalid");
    public static readonly ProblemCode ValueRequired = new("value-required");
    public static readonly ProblemCode BodyInvalid = new("body-invalid");
    public static readonly ProblemCode UnknownQueryParameter = new("unknown-query-parameter");
    public static readonly ProblemCode UnknownQueryParameterNone = new("unknown-query-parameter-none");

    public static readonly ProblemCode TooManyItems = new("too-many-items");

    // Step outcome forms.
    public static readonly ProblemCode FormFieldUnknown = new("form-field-unknown");
    public static readonly ProblemCode FieldMustBeText = new("field-must-be-text");
    public static readonly ProblemCode FieldTooLong = new("field-too-long");
    public static readonly ProblemCode FieldMustBeNumber = new("field-must-be-number");
    public static readonly ProblemCode FieldMustBeBoolean = new("field-must-be-boolean");
    public static readonly ProblemCode FieldMustBeDate = new("field-must-be-date");
    public static readonly ProblemCode FieldOptionInvalid = new("field-option-invalid");
    public static readonly ProblemCode FieldTypeUnknown = new("field-type-unknown");

    // District administration (agencies, workers, one-time links).
    public static readonly ProblemCode AdminForbidden = new("admin-forbidden");
    public static readonly ProblemCode AdminOtherDistrict = new("admin-other-district");
    public static readonly ProblemCode RoleGrantForbidden = new("role-grant-forbidden");
    public static readonly ProblemCode PlatformAccount = new("platform-account");
    public static readonly ProblemCode AdminSelf = new("admin-self");
    public static readonly ProblemCode AgencyInactive = new("agency-inactive");
    public static readonly ProblemCode AgencyIdInvalid = new("agency-id-invalid");
    public static readonly ProblemCode AgencyIdTaken = new("agency-id-taken");
    public static readonly ProblemCode AgencyAlreadyInState = new("agency-already-in-state");
    public static readonly ProblemCode WorkerNotFound = new("worker-not-found");
    public static readonly ProblemCode EmailInvalid = new("email-invalid");
    public static readonly ProblemCode EmailTaken = new("email-taken");
    public static readonly ProblemCode WorkerSameAgency = new("worker-same-agency");
    public static readonly ProblemCode WorkerInactive = new("worker-inactive");
    public static readonly ProblemCode WorkerAlreadyInState = new("worker-already-in-state");
    public static readonly ProblemCode InvitationNotFound = new("invitation-not-found");
    public static readonly ProblemCode InvitationUsed = new("invitation-used");
    public static readonly ProblemCode InvitationExpired = new("invitation-expired");
    public static readonly ProblemCode AuditForbidden = new("audit-forbidden");

    // Two-factor sign-in (TOTP authenticator, recovery codes).
    public static readonly ProblemCode TwoFactorRequired = new("two-factor-required");
    public static readonly ProblemCode TwoFactorInvalid = new("two-factor-invalid");
    public static readonly ProblemCode TwoFactorEnrolmentRequired = new("two-factor-enrolment-required");
    public static readonly ProblemCode TwoFactorAlreadyEnabled = new("two-factor-already-enabled");
    public static readonly ProblemCode TwoFactorNotEnabled = new("two-factor-not-enabled");
    public static readonly ProblemCode TwoFactorKeyMissing = new("two-factor-key-missing");

    // District settings.
    public static readonly ProblemCode DistrictNotFound = new("district-not-found");
    public static readonly ProblemCode PreconditionFailed = new("precondition-failed");
    public static readonly ProblemCode HolidayOtherYear = new("holiday-other-year");
    public static readonly ProblemCode PolicyUnknown = new("policy-unknown");
    public static readonly ProblemCode PolicyNameInvalid = new("policy-name-invalid");
    public static readonly ProblemCode PolicyLevelCount = new("policy-level-count");
    public static readonly ProblemCode PolicyLevelOrder = new("policy-level-order");
    public static readonly ProblemCode PolicyExtraOutOfRange = new("policy-extra-out-of-range");
    public static readonly ProblemCode PolicyRecipientsRequired = new("policy-recipients-required");
    public static readonly ProblemCode OtherDistrict = new("other-district");

    /// <summary>A role of a published workflow has no agency in a dong (a role allocation table with a gap).</summary>
    public static readonly ProblemCode AllocationGap = new("allocation-gap");

    // Transfers between districts (전출).
    public static readonly ProblemCode TransferForbidden = new("transfer-forbidden");
    public static readonly ProblemCode TransferDistrictInvalid = new("transfer-district-invalid");
    public static readonly ProblemCode TransferReasonRequired = new("transfer-reason-required");
    public static readonly ProblemCode TransferPending = new("transfer-pending");
    public static readonly ProblemCode TransferNotFound = new("transfer-not-found");
    public static readonly ProblemCode TransferNotPending = new("transfer-not-pending");
    public static readonly ProblemCode TransferDecideForbidden = new("transfer-decide-forbidden");
    public static readonly ProblemCode TransferOwnerInvalid = new("transfer-owner-invalid");

    // The designer's static build.
    public static readonly ProblemCode DesignerNotBuilt = new("designer-not-built");

    /// <summary>The code of a response that only has a status (status code pages, framework problems).</summary>
    public static ProblemCode ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => BadRequest,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status413PayloadTooLarge => RequestTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status422UnprocessableEntity => Unprocessable,
        StatusCodes.Status423Locked => Locked,
        StatusCodes.Status428PreconditionRequired => VersionRequired,
        StatusCodes.Status429TooManyRequests => TooManyRequests,
        StatusCodes.Status500InternalServerError => ServerError,
        StatusCodes.Status503ServiceUnavailable => Unavailable,
        _ => Error,
    };

    /// <summary>This code's message with its arguments (formatted when read, in the reader's culture).</summary>
    public ProblemMessage With(params object?[] args) => new(this, args);

    public ProblemMessage ToProblemMessage() => new(this, []);

    public static implicit operator ProblemMessage(ProblemCode code) => code.ToProblemMessage();

    public override string ToString() => Value;
}

/// <summary>
/// A field's name as a message argument (e.g. of <see cref="ProblemCode.FieldRequired"/>), localised with the message;
/// keys <c>label-…</c> in <c>ProblemText.resx</c>.
/// </summary>
public sealed record ProblemLabel(string Key)
{
    public static readonly ProblemLabel Workflow = new("label-workflow");
    public static readonly ProblemLabel Household = new("label-household");
    public static readonly ProblemLabel HouseholdName = new("label-household-name");
    public static readonly ProblemLabel ConsentedBy = new("label-consented-by");
    public static readonly ProblemLabel ConsentedAt = new("label-consented-at");
    public static readonly ProblemLabel Dong = new("label-dong");
    public static readonly ProblemLabel District = new("label-district");
    public static readonly ProblemLabel Holidays = new("label-holidays");
    public static readonly ProblemLabel AuthenticatorCode = new("label-authenticator-code");
    public static readonly ProblemLabel Policies = new("label-policies");
    public static readonly ProblemLabel RetentionYears = new("label-retention-years");
    public static readonly ProblemLabel TwoFactorRequirement = new("label-two-factor-requirement");
    public static readonly ProblemLabel Agency = new("label-agency");
    public static readonly ProblemLabel Note = new("label-note");
    public static readonly ProblemLabel Date = new("label-date");
    public static readonly ProblemLabel Title = new("label-title");
    public static readonly ProblemLabel Hours = new("label-hours");
    public static readonly ProblemLabel People = new("label-people");
    public static readonly ProblemLabel TargetNode = new("label-target-node");
    public static readonly ProblemLabel Step = new("label-step");
    public static readonly ProblemLabel FromWorker = new("label-from-worker");
    public static readonly ProblemLabel Name = new("label-name");
    public static readonly ProblemLabel Email = new("label-email");
    public static readonly ProblemLabel Roles = new("label-roles");
    public static readonly ProblemLabel Password = new("label-password");
    public static readonly ProblemLabel Kind = new("label-kind");

    public string Format(System.Globalization.CultureInfo culture) => Resources.ProblemText.Get(Key, culture);
}
