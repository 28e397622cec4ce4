using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Infrastructure.Jobs;
using ReferralFlow.Notifications.MailKit;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Notifications;

public static class NotificationsFeature
{
    public static IServiceCollection AddNotificationsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReferralFlowMail(configuration);
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection("Notifications")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddScoped<RecipientResolver>();
        services.AddSingleton<MailCircuitBreaker>();
        services.AddDueWork<OutboxDispatcher>(DueWorkKind.Outbox, sp => sp.GetRequiredService<MailCircuitBreaker>().NotBefore);
        services.AddScoped<ListNotifications>().AddScoped<RetryNotification>();
        services.AddHealthChecks().AddCheck<MailHealthCheck>("mail");
        return services;
    }

    public static RouteGroupBuilder MapNotifications(this RouteGroupBuilder group)
    {
        group.MapGet("/", (string? status, int? limit, string? cursor, [FromServices] ListNotifications handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(status, limit, cursor, cancellationToken))
            .WithName(nameof(ListNotifications))
            .WithSummary("Outbox messages by delivery state (failed ones included), newest first; paged (limit, cursor).");
        group.MapPost("/{id:guid}/retry", async (Guid id, [FromServices] RetryNotification handler, CancellationToken cancellationToken) =>
            {
                await handler.HandleAsync(id, cancellationToken);
                return Results.NoContent();
            })
            .WithName(nameof(RetryNotification))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Queue a failed message again.");
        return group;
    }
}
