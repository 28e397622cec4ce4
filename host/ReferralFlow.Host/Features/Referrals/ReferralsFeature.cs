namespace ReferralFlow.Host.Features.Referrals;

public static class ReferralsFeature
{
    public static IServiceCollection AddReferralsFeature(this IServiceCollection services) =>
        services.AddScoped<ReferralAccess>();

    public static RouteGroupBuilder MapReferrals(this RouteGroupBuilder group) => group;
}
