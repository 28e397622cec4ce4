using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Consents;

/// <summary>
/// <c>POST /api/referrals/{id}/consents</c>: records consent given during the case — typically at the joint visit, once
/// the assessment knows which agencies are needed — for recipient agencies of the referral's district and categories
/// (<c>basic</c>, <c>living</c>, <c>health</c>). Recorded by the owner side or an agency still working on the case;
/// on the timeline (codes only) and audited. Answers the referral's consents as the caller sees them.
/// </summary>
public sealed class RecordConsent(
    ReferralAccess access, CurrentUser user, ReferralFlowDbContext db, WorkflowReadModel workflow, WorkflowJournal journal,
    UnitOfWork unitOfWork, AuditLog audit, TimeProvider time)
{
    public sealed record Request(
        [Required] string? ConsentedBy,
        string? Relationship,
        [Required] DateTimeOffset? ConsentedAt,
        [Required] string? Method,
        string? UrgentReason,
        [Required] List<string>? AgencyIds,
        [Required] List<string>? Categories,
        int? TaskId);

    public async Task<IReadOnlyList<ConsentView>> HandleAsync(Guid id, Request request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var referral = await access.GetVisibleAsync(id, cancellationToken, track: true);
        await EnsureMayRecordAsync(access, referral, cancellationToken);
        Validate(request, now);
        var agencies = request.AgencyIds!.Select(a => a.Trim()).Distinct(StringComparer.Ordinal).ToList();
        var known = await db.Agencies.AsNoTracking().Where(a => agencies.Contains(a.Id) && a.District == referral.District).Select(a => a.Id).ToListAsync(cancellationToken);
        var unknown = agencies.Except(known, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw ApiException.Invalid("agencyIds", ProblemCode.AgenciesUnknown, string.Join(", ", unknown));
        }

        if (request.TaskId is { } taskId && !await workflow.Tasks.AnyAsync(t => t.InstanceId == referral.InstanceId && t.TaskId == taskId, cancellationToken))
        {
            throw ApiException.Invalid("taskId", ProblemCode.StepUnknown, taskId);
        }

        var categories = ConsentRecords.Categories(request.Categories);
        var who = new ConsentRecords.Who(request.ConsentedBy!, request.Relationship, request.ConsentedAt!.Value, request.Method!, request.UrgentReason);
        var rows = ConsentRecords.Create(referral.Id, agencies, categories, who, user.Id, now, request.TaskId, referral.Consents).ToList();
        await unitOfWork.ExecuteAsync(_ =>
        {
            db.ReferralConsents.AddRange(rows);
            journal.AppendTimeline(referral.InstanceId, now, ConsentTimelineTypes.Recorded, null, request.TaskId, user.Id.ToString(), VariableJson.ToJson(new Dictionary<string, object?>()
            {
                ["agencies"] = agencies.Cast<object?>().ToList(),
                ["categories"] = categories.Cast<object?>().ToList(),
                ["method"] = who.Method.Trim().ToLowerInvariant(),
            }));
            audit.Record(AuditActions.ConsentRecorded, referral.Id, $"{string.Join(",", agencies)}: {string.Join(",", categories)}");
            return Task.CompletedTask;
        }, cancellationToken);

        referral.Consents.AddRange(rows);
        return await ListConsents.ViewAsync(access, db, referral, cancellationToken);
    }

    /// <summary>The owner side, or an agency that still works on the case (an open step or the owner's grant).</summary>
    internal static async Task EnsureMayRecordAsync(ReferralAccess access, Referral referral, CancellationToken cancellationToken)
    {
        var lens = await access.LensAsync(referral, cancellationToken);
        if (!lens.OwnerSide && lens.Until is not null)
        {
            throw ApiException.Forbidden(ProblemCode.ConsentForbidden);
        }
    }

    private static void Validate(Request request, DateTimeOffset now)
    {
        var errors = new ProblemErrors();
        errors.Text("consentedBy", request.ConsentedBy, 100, ProblemCode.FieldRequired.With(ProblemLabel.ConsentedBy));
        errors.Text("relationship", request.Relationship, 50);
        errors.Text("urgentReason", request.UrgentReason, 1000);
        if (request.ConsentedAt is not { } at)
        {
            errors.Add("consentedAt", ProblemCode.FieldRequired, ProblemLabel.ConsentedAt);
        }
        else if (at > now.AddMinutes(10))
        {
            errors.Add("consentedAt", ProblemCode.DateInFuture);
        }

        ConsentRecords.CheckMethod(errors, "", request.Method, request.UrgentReason);
        if (request.AgencyIds is not { Count: > 0 and <= 100 } agencies || agencies.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add("agencyIds", ProblemCode.ConsentAgenciesInvalid);
        }
        else
        {
            for (var i = 0; i < agencies.Count; i++)
            {
                errors.Text($"agencyIds[{i}]", agencies[i], 100);
            }
        }

        if (request.Categories is not { Count: > 0 })
        {
            errors.Add("categories", ProblemCode.ConsentCategoriesInvalid, string.Join(", ", ConsentCategories.All));
        }
        else
        {
            ConsentRecords.CheckCategories(errors, "categories", request.Categories);
        }

        errors.ThrowIfAny();
    }
}

/// <summary>Timeline event types of consent changes (their data are codes only).</summary>
public static class ConsentTimelineTypes
{
    public const string Recorded = "consent-recorded";
    public const string Withdrawn = "consent-withdrawn";
    public const string ParticipantAdded = "participant-added";
    public const string ParticipantRemoved = "participant-removed";
}
