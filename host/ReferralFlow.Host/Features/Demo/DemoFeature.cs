using ReferralFlow.Host.Infrastructure.Database;

namespace ReferralFlow.Host.Features.Demo;

public static class DemoFeature
{
    public static IServiceCollection AddDemoFeature(this IServiceCollection services) =>
        services
            .AddScoped<IStartupTask, SeedDemoData>()
            .AddScoped<IStartupTask, SeedCollaborationHistory>();

    public static RouteGroupBuilder MapDemo(this RouteGroupBuilder group) => group;
}
