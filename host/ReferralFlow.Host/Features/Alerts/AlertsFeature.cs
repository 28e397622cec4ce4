using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>Workers hear about new work: every new step is announced to its agency, missing consent to the case owner.</summary>
public static class AlertsFeature
{
    public static IServiceCollection AddAlertsFeature(this IServiceCollection services) =>
        services.AddScoped<IStepAlertPlanner, StepAlertPlanner>().AddScoped<IMessageDataSource, StepAlertData>();
}
