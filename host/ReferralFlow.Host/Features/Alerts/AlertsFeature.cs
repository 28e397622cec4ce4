using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Jobs;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// Workers hear about new work: new steps, tasks given to them and missing consent reach the bell and — as each worker
/// chose — an email at once (batched per recipient per minute) or the morning digest of their district.
/// </summary>
public static class AlertsFeature
{
    public static IServiceCollection AddAlertsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DigestOptions>(configuration.GetSection("Notifications"));
        services.AddScoped<IStepAlertPlanner, StepAlertPlanner>()
            .AddScoped<IMessageDataSource, StepAlertData>().AddScoped<IMessageDataSource, AlertBatchData>()
            .AddScoped<AlertPreferences>().AddScoped<AlertFanout>().AddScoped<AssignmentAlerts>()
            .AddScoped<MorningDigest>().AddScoped<DigestSchedule>().AddScoped<IStartupTask, RegisterDigests>()
            .AddScoped<GetAlertPreferences>().AddScoped<UpdateAlertPreferences>();
        // Mailed when the oldest pending alert's minute is over, woken by the commit that writes it: no per-minute job.
        services.AddDueWork<AlertMailer, PendingAlertsDue>(AlertMailer.Kind)
            .AddSingleton(new DueRowProbe(row => row is PendingAlert alert ? AlertMailer.DueAt(alert.CreatedAt) : null));
        return services;
    }

    public static RouteGroupBuilder MapAlertPreferences(this RouteGroupBuilder group)
    {
        group.MapGet("/", ([FromServices] GetAlertPreferences handler, CancellationToken cancellationToken) => handler.HandleAsync(cancellationToken))
            .WithName(nameof(GetAlertPreferences))
            .WithSummary("How I hear of each kind (immediately, digest, app-only), my agency's defaults and shared mailbox, and whether escalations are mandatory.");
        group.MapPut("/", (UpdateAlertPreferences.Request request, [FromServices] UpdateAlertPreferences handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(request, cancellationToken))
            .WithName(nameof(UpdateAlertPreferences))
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Set my choices per kind (inherit: back to the agency default); supervisors the agency's defaults and mailbox; district administrators escalationsMandatory.");
        return group;
    }
}
