using Microsoft.AspNetCore.Mvc;

namespace ReferralFlow.Host.Features.DesignerSupport;

public static class DesignerSupportFeature
{
    public static IServiceCollection AddDesignerSupportFeature(this IServiceCollection services) => services.AddScoped<GetDesignerConfig>();

    /// <summary>What the designer offers in its dropdowns; any signed-in user may read it.</summary>
    public static RouteGroupBuilder MapDesignerSupport(this RouteGroupBuilder group)
    {
        group.MapGet("/config", ([FromServices] GetDesignerConfig handler, CancellationToken cancellationToken) => handler.HandleAsync(cancellationToken))
            .WithName(nameof(GetDesignerConfig))
            .WithSummary("Role keys the caller's district allocates (with Korean names and agencies) and the configured escalation policies.");
        return group;
    }
}
