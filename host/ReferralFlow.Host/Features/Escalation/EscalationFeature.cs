using Microsoft.Extensions.DependencyInjection.Extensions;
using ReferralFlow.Host.Infrastructure.Jobs;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Escalation;

public static class EscalationFeature
{
    public static IServiceCollection AddEscalationFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EscalationOptions>(configuration.GetSection("Escalation"));
        services.AddSingleton<ConfiguredEscalationPlanner>();
        services.TryAddScoped<Alerts.BellEntries>();
        services.AddScoped<EscalationBell>();
        services.AddSingleton<IEscalationPlanner>(sp => sp.GetRequiredService<ConfiguredEscalationPlanner>());
        services.AddDueWork<EscalationSweep>(DueWorkKind.Escalations);
        return services;
    }
}
