using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Features.Auth;

/// <summary><c>GET /api/auth/me</c>: who the caller is — agency, district, roles, language.</summary>
internal static class Me
{
    public sealed record Response(Guid Id, string Name, string AgencyId, string District, string Language, IReadOnlyList<string> Roles);

    public static Response Handle(CurrentUser user) =>
        new(user.Id, user.DisplayName, user.AgencyId, user.District, user.Language, [.. Data.Roles.All.Where(user.IsInRole)]);
}
