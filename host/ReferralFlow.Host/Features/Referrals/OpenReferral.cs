using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Administration.Settings;
using ReferralFlow.Host.Features.Allocations;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.Consents;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>
/// <c>POST /api/referrals</c>: opens a referral for a household on the latest published version of one of the caller's
/// district's workflows. The caller's agency refers; every role of the workflow is allocated (district defaults, per-dong
/// rows, the caller's overrides) — an allocated agency takes part only once a step is created for it; the consent given
/// so far is recorded per recipient agency and category; the referral, its number
/// and the started workflow instance commit together. Answers 201 with the referral and its ETag.
/// </summary>
public sealed partial class OpenReferral(
    CurrentUser user,
    ReferralFlowDbContext db,
    DefinitionStore store,
    ReferralViews views,
    RoleAllocationResolver allocations,
    WorkflowRuntime runtime,
    UnitOfWork unitOfWork,
    ReferralNumbers numbers,
    AuditLog audit,
    TimeProvider time,
    DistrictSettingsStore settings,
    HouseholdKeys householdKeys,
    CheckDuplicateReferral duplicates,
    WorkflowJournal journal)
{
    public sealed record Request(
        [Required] string? WorkflowKey,
        [Required] HouseholdInput? Household,
        string? Dong,
        [Required] ConsentInput? Consent,
        Dictionary<string, string>? RoleAllocations,
        string? PublicOwnerAgencyId,
        JsonElement? Variables,
        string? DuplicateReason = null);

    public sealed record HouseholdInput([Required] string? Name, DateOnly? BirthDate, string? Address, string? Phone, int? Members);

    /// <summary>
    /// The consent given when the referral is opened: <c>agencyIds</c> are the recipient agencies known so far (may be empty:
    /// more are added later, typically at the joint visit), <c>categories</c> the fixed codes <c>basic</c>, <c>living</c>,
    /// <c>health</c> (default basic and living); <c>healthData</c> true is the same as listing <c>health</c>.
    /// </summary>
    public sealed record ConsentInput(
        [Required] string? ConsentedBy,
        string? Relationship,
        [Required] DateTimeOffset? ConsentedAt,
        [Required] string? Method,
        [Required] List<string>? AgencyIds,
        List<string>? Categories,
        bool HealthData = false,
        string? UrgentReason = null);

    /// <summary>The API reference's example: the seed case, a hoarding household in 난곡동 (the demo district's agencies).</summary>
    public static readonly Request Example = new(
        "hoarding-household",
        new HouseholdInput("김순자", new DateOnly(1948, 5, 2), "서울 관악구 난곡로 1", "010-1234-5678", 1),
        "난곡동",
        new ConsentInput("김순자", "본인", new DateTimeOffset(2026, 3, 1, 14, 0, 0, TimeSpan.FromHours(9)), "written",
            ["sillim-welfare", "gwanak-cleaning"], ["basic", "living"]),
        null,
        null,
        null,
        null);

    /// <summary>The opened referral (its <c>Version</c> is the ETag).</summary>
    public async Task<ReferralResponse> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Validate(request, now);
        var household = request.Household!;
        var consentInput = request.Consent!;
        var caller = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == user.AgencyId, cancellationToken)
            ?? throw ApiException.Forbidden(ProblemCode.AccountWithoutAgency);
        // Only the district's own workflows: another district's key is unknown here, however it was drawn.
        var version = await store.GetVersionAsync(caller.District, request.WorkflowKey!.Trim(), cancellationToken: cancellationToken)
            ?? throw ApiException.Invalid("workflowKey", ProblemCode.WorkflowNotPublished, request.WorkflowKey);
        var definition = await views.DefinitionAsync(version.Id, cancellationToken);
        var roles = definition.Roles.Select(r => r.Key).ToList();

        var dong = await ResolveDongAsync(db, request.Dong, caller, cancellationToken);
        var roleAgencies = await allocations.ResolveAsync(caller.District, dong, roles, request.RoleAllocations, cancellationToken);
        var owner = await ResolveOwnerAsync(db, allocations, request.PublicOwnerAgencyId, caller, dong, roleAgencies, cancellationToken);
        await Administration.Agencies.InactiveAgencies.EnsureActiveAsync(db, caller.Id, owner, roleAgencies, cancellationToken);
        await CheckConsentAsync(db, consentInput, cancellationToken);
        var (householdKey, addressKey) = householdKeys.Of(household.Name, household.BirthDate, household.Address);
        // Another owner's open case of the household is the duplicate service to prevent; the owner's own is already known to it.
        var existing = householdKey is null ? []
            : (await duplicates.OpenReferralsAsync(caller.District, householdKey, addressKey, cancellationToken)).Where(r => r.PublicOwnerAgencyId != owner).ToList();
        var duplicateReason = Trimmed(request.DuplicateReason);
        if (existing.Count > 0 && duplicateReason is null)
        {
            // Who holds the case and how to reach them, never its content; the second call sends duplicateReason.
            var owners = (await duplicates.FindAsync(caller.District, householdKey!, addressKey, cancellationToken)).Where(o => o.AgencyId != owner).ToList();
            throw ApiException.Conflict(ProblemCode.PossibleDuplicate, new Dictionary<string, object?> { ["owners"] = owners });
        }

        var variables = ParseVariables(request.Variables);
        var years = settings.Get(caller.District).RetentionYears;

        var referral = await unitOfWork.ExecuteAsync(async ct =>
        {
            var number = await numbers.NextAsync(now, ct);
            var started = await runtime.StartAsync(version.Id, number, variables, roleAgencies, ct);
            var referral = new Referral
            {
                Id = Guid.CreateVersion7(now),
                Number = number,
                WorkflowKey = version.Key,
                WorkflowVersion = version.Version,
                InstanceId = started.InstanceId,
                Status = ReferralStatus.InProgress,
                District = caller.District,
                Dong = dong,
                ReferringAgencyId = caller.Id,
                ReferringUserId = user.Id,
                PublicOwnerAgencyId = owner,
                PublicOwnerUserId = owner == caller.Id ? user.Id : null,
                Household = new Household
                {
                    Name = household.Name!.Trim(),
                    BirthDate = household.BirthDate,
                    Address = Trimmed(household.Address),
                    Phone = Trimmed(household.Phone),
                    Members = household.Members,
                },
                OpenedAt = now,
                HouseholdKey = householdKey,
                HouseholdAddressKey = addressKey,
                DuplicateReason = existing.Count > 0 ? duplicateReason : null,
                RetainUntil = now.AddYears(years),
                Revision = 1,
                Participants = roleAgencies.Select(r => new ReferralParticipant { RoleKey = r.Key, AgencyId = r.Value }).ToList(),
            };
            referral.Consents.AddRange(ConsentRecords.Create(
                referral.Id, consentInput.AgencyIds ?? [], ConsentRecords.Categories(consentInput.Categories, consentInput.HealthData),
                new ConsentRecords.Who(consentInput.ConsentedBy!, consentInput.Relationship, consentInput.ConsentedAt!.Value, consentInput.Method!, consentInput.UrgentReason),
                user.Id, now, taskId: null));
            db.Referrals.Add(referral);
            audit.Record(AuditActions.ReferralOpened, referral.Id, $"{version.Key} v{version.Version}");
            if (existing.Count > 0)
            {
                NotifyDuplicateOwners(referral, existing, now);
                audit.Record(AuditActions.ReferralOpenedDespiteDuplicate, referral.Id, $"{existing.Count} open referral(s) of the household");
            }
            return referral;
        }, cancellationToken);

        return await views.BuildAsync(referral, cancellationToken);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// Both owners hear of each other (codes and agency names only): the owner of each open referral of the household, and
    /// the new referral's owner. <c>agencyId</c> is the other owner, named in the message.
    /// </summary>
    private void NotifyDuplicateOwners(Referral opened, List<Referral> existing, DateTimeOffset now)
    {
        foreach (var other in existing)
        {
            journal.EnqueueMessage(new OutboxMessageRequest(
                other.InstanceId, DuplicateTemplate, "email", $"agency:{other.PublicOwnerAgencyId}", DuplicateTemplate, $"{DuplicateTemplate}:{opened.Id}:{other.Id}",
                JsonSerializer.Serialize(new { referralId = other.Id, referralNumber = other.Number, agencyId = opened.PublicOwnerAgencyId })), now);
        }

        journal.EnqueueMessage(new OutboxMessageRequest(
            opened.InstanceId, DuplicateTemplate, "email", $"agency:{opened.PublicOwnerAgencyId}", DuplicateTemplate, $"{DuplicateTemplate}:{opened.Id}",
            JsonSerializer.Serialize(new { referralId = opened.Id, referralNumber = opened.Number, agencyId = existing[0].PublicOwnerAgencyId })), now);
    }

    /// <summary>The owners' notice of a possible duplicate service (서비스 중복).</summary>
    public const string DuplicateTemplate = "possible-duplicate";
}
