using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.Calendar;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Collaboration;

/// <summary>
/// <c>POST /api/joint-responses</c>: the district hub (or a system admin) records a joint response of its district —
/// a meeting, training, joint project or resource linkage — with hours and people. 400 names the offending fields.
/// </summary>
public sealed class RecordJointResponse(CurrentUser user, ReferralFlowDbContext db, AuditLog audit, TimeProvider time, KoreaTime korea)
{
    public const string AuditAction = "collaboration.joint-response-recorded";

    public const int MaxTitle = 300;

    public sealed record Request([Required] DateOnly? Date, [Required] string? Kind, [Required] string? Title, [Required] decimal? Hours, [Required] int? People, List<string>? AgencyIds);

    public async Task<JointResponseView> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        if (!user.IsDistrictHub && !user.IsSystemAdmin)
        {
            throw ApiException.Forbidden(ProblemCode.JointResponseForbidden);
        }

        var now = time.GetUtcNow();
        var response = await ValidateAsync(request, user.District, now, cancellationToken);
        response.Id = Guid.CreateVersion7(now);
        response.RecordedBy = user.Id;
        response.RecordedAt = now;
        db.JointResponses.Add(response);
        audit.Record(AuditAction, null, $"joint response {response.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return JointResponseView.From(response);
    }

    /// <summary>Checks the request and returns the entity to save (without id and recorder), or throws 400 with field errors.</summary>
    private async Task<JointResponse> ValidateAsync(Request request, string district, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new ProblemErrors();
        var today = korea.Date(now);
        if (request.Date is not { } date)
        {
            errors.Add("date", ProblemCode.FieldRequired, ProblemLabel.Date);
        }
        else if (date > today)
        {
            errors.Add("date", ProblemCode.DateInFuture);
        }
        else if (date.Year < CollaborationReport.FirstYear)
        {
            errors.Add("date", ProblemCode.DateTooEarly, CollaborationReport.FirstYear);
        }

        var kind = ParseKind(request.Kind);
        if (kind is null)
        {
            errors.Add("kind", ProblemCode.ValueNotAllowed, "meeting, training, jointProject, resourceLinkage");
        }

        errors.Text("title", request.Title, MaxTitle, ProblemCode.FieldRequired.With(ProblemLabel.Title));
        if (request.Hours is not { } hours)
        {
            errors.Add("hours", ProblemCode.FieldRequired, ProblemLabel.Hours);
        }
        else if (hours <= 0 || hours > 10_000 || decimal.Round(hours, 2) != hours)
        {
            errors.Add("hours", ProblemCode.HoursInvalid);
        }

        if (request.People is not { } people)
        {
            errors.Add("people", ProblemCode.FieldRequired, ProblemLabel.People);
        }
        else if (people is < 1 or > 100_000)
        {
            errors.Add("people", ProblemCode.NumberOutOfRange, 1, 100_000);
        }

        var agencyIds = (request.AgencyIds ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (agencyIds.Count > 0)
        {
            var known = await db.Agencies.AsNoTracking().Where(a => a.District == district && agencyIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);
            foreach (var unknown in agencyIds.Except(known, StringComparer.Ordinal))
            {
                errors.Add("agencyIds", ProblemCode.AgencyNotInDistrict, unknown, district);
            }
        }

        errors.ThrowIfAny();
        return new JointResponse
        {
            District = district,
            Date = request.Date!.Value,
            Kind = kind!.Value,
            Title = request.Title!.Trim(),
            Hours = request.Hours!.Value,
            People = request.People!.Value,
            AgencyIds = agencyIds,
        };
    }

    /// <summary>Accepts the enum names in any case, with or without dashes (<c>joint-project</c>, <c>jointProject</c>).</summary>
    public static JointResponseKind? ParseKind(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && Enum.TryParse<JointResponseKind>(value.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var kind)
        && Enum.IsDefined(kind)
        && !value.Trim().All(char.IsDigit)
            ? kind
            : null;
}
