using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Agencies;

/// <summary>
/// <c>POST /api/admin/agencies</c>: a new agency of the caller's district (a system administrator names the district).
/// The id is a stable slug (task rows and allocations refer to it); public or private defaults by kind. The first agency
/// of a district registers the district's morning digest.
/// </summary>
public sealed class CreateAgency(AdminScope scope, AdminAudit audit, ReferralFlowDbContext db, DigestSchedule digests, TimeProvider time)
{
    public sealed record Request(
        [Required] string? Id, [Required] string? Name, [Required] AgencyKind? Kind, bool? IsPublic, string? District, string? Dong, string? Email);

    public async Task<AdminAgencyView> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var district = scope.DistrictFor(request.District);
        var errors = new ProblemErrors();
        var id = request.Id?.Trim() ?? "";
        if (!IsSlug(id))
        {
            errors.Add("id", id.Length == 0 ? ProblemCode.FieldRequired.With(ProblemLabel.Agency) : ProblemCode.AgencyIdInvalid);
        }

        errors.Text("district", district, 100);
        AgencyFields.Check(errors, request.Name, request.Kind, request.Dong, request.Email);
        errors.ThrowIfAny();
        if (await db.Agencies.AnyAsync(a => a.Id == id, cancellationToken))
        {
            throw ApiException.Conflict(ProblemCode.AgencyIdTaken.With(id));
        }

        var newDistrict = !await db.Agencies.AnyAsync(a => a.District == district, cancellationToken);
        var kind = request.Kind!.Value;
        var agency = new Agency
        {
            Id = id,
            Name = request.Name!.Trim(),
            Kind = kind,
            IsPublic = request.IsPublic ?? AgencyFields.DefaultPublic(kind),
            District = district,
            Dong = kind == AgencyKind.DongCentre ? AgencyFields.Clean(request.Dong) : null,
            Email = AgencyFields.Clean(request.Email),
            CreatedAt = time.GetUtcNow(),
        };
        db.Agencies.Add(agency);
        audit.Change("name", null, agency.Name).Change("kind", null, agency.Kind.ToString()).Change("isPublic", null, agency.IsPublic)
            .Change("district", null, agency.District).Change("dong", null, agency.Dong).Change("email", null, agency.Email)
            .Record(AdminActions.AgencyCreated, $"agency:{agency.Id}", agency.District);
        await db.SaveChangesAsync(cancellationToken);
        if (newDistrict)
        {
            // Its morning digest, at once rather than at the next restart.
            digests.Register(district);
        }

        return AdminAgencyView.From(agency);
    }

    internal static bool IsSlug(string value) =>
        value.Length is >= 3 and <= 100 && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && value[0] != '-' && value[^1] != '-';
}
