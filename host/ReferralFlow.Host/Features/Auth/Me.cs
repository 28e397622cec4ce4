using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>Who the caller is (<c>GET /api/auth/me</c>): agency, district, roles, language.</summary>
public sealed class Me(CurrentUser user)
{
    public sealed record Response(Guid Id, string Name, string AgencyId, string District, string Language, IReadOnlyList<string> Roles);

    public Response Handle() =>
        new(user.Id, user.DisplayName, user.AgencyId, user.District, user.Language, [.. Data.Roles.All.Where(user.IsInRole)]);
}
