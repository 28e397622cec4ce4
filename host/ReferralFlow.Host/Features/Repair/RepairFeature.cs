namespace ReferralFlow.Host.Features.Repair;

public static class RepairFeature
{
    public static IServiceCollection AddRepairFeature(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapRepair(this RouteGroupBuilder group) => group;
}
