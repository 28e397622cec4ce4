using System.ComponentModel.DataAnnotations;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Agencies;

/// <summary>
/// <c>PUT /api/admin/agencies/{agencyId}</c>: edits an agency's name, kind, public/private, dong and notice email (its
/// id and district stay). Running referrals keep the agency; the audit entry names each changed field before and after.
/// </summary>
public sealed class UpdateAgency(AdminScope scope, AdminAudit audit, ReferralFlowDbContext db)
{
    public sealed record Request([Required] string? Name, [Required] AgencyKind? Kind, [Required] bool? IsPublic, string? Dong, string? Email);

    public async Task<AdminAgencyView> HandleAsync(string agencyId, Request request, CancellationToken cancellationToken)
    {
        var agency = await scope.GetAgencyAsync(agencyId, cancellationToken);
        var errors = new ProblemErrors();
        AgencyFields.Check(errors, request.Name, request.Kind, request.Dong, request.Email);
        if (request.IsPublic is null)
        {
            errors.Add("isPublic", ProblemCode.FieldRequired, "isPublic");
        }

        errors.ThrowIfAny();
        var kind = request.Kind!.Value;
        var dong = kind == AgencyKind.DongCentre ? AgencyFields.Clean(request.Dong) : null;
        var email = AgencyFields.Clean(request.Email);
        audit.Change("name", agency.Name, request.Name!.Trim()).Change("kind", agency.Kind.ToString(), kind.ToString())
            .Change("isPublic", agency.IsPublic, request.IsPublic).Change("dong", agency.Dong, dong).Change("email", agency.Email, email);
        if (audit.HasChanges)
        {
            agency.Name = request.Name.Trim();
            agency.Kind = kind;
            agency.IsPublic = request.IsPublic!.Value;
            agency.Dong = dong;
            agency.Email = email;
            audit.Record(AdminActions.AgencyUpdated, $"agency:{agency.Id}", agency.District);
            await db.SaveChangesAsync(cancellationToken);
        }

        return AdminAgencyView.From(agency);
    }
}
