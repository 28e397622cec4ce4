using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Features.Agencies;

/// <summary>An agency as the API shows it.</summary>
public sealed record AgencyView(string Id, string Name, AgencyKind Kind, bool IsPublic, string District, string? Dong)
{
    public static AgencyView From(Agency a) => new(a.Id, a.Name, a.Kind, a.IsPublic, a.District, a.Dong);

    public static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
