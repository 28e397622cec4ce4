using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Features.Administration.Agencies;

/// <summary>An agency as its administrators see it.</summary>
public sealed record AdminAgencyView(
    string Id, string Name, AgencyKind Kind, bool IsPublic, string District, string? Dong, string? Email, bool IsActive, DateTimeOffset CreatedAt)
{
    public static AdminAgencyView From(Agency a) => new(a.Id, a.Name, a.Kind, a.IsPublic, a.District, a.Dong, a.Email, a.IsActive, a.CreatedAt);
}
