namespace ReferralFlow.Host.Features.Workflows;

public static class WorkflowsFeature
{
    public static IServiceCollection AddWorkflowsFeature(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapWorkflows(this RouteGroupBuilder group) => group;
}
