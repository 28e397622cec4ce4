namespace ReferralFlow.Host.Features.DesignerSupport;

public static class DesignerSupportFeature
{
    /// <summary>What the designer offers in its dropdowns; any signed-in user may read it.</summary>
    public static RouteGroupBuilder MapDesignerSupport(this RouteGroupBuilder group)
    {
        group.MapGet("/config", GetDesignerConfig.HandleAsync)
            .WithSummary("Role keys the caller's district allocates (with Korean names and agencies) and the configured escalation policies.");
        return group;
    }
}
