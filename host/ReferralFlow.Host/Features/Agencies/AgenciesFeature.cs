namespace ReferralFlow.Host.Features.Agencies;

public static class AgenciesFeature
{
    public static IServiceCollection AddAgenciesFeature(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapAgencies(this RouteGroupBuilder group) => group;
}
