namespace ReferralFlow.Host.Features.Allocations;

public static class AllocationsFeature
{
    public static IServiceCollection AddAllocationsFeature(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapAllocations(this RouteGroupBuilder group) => group;
}
