using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Infrastructure.Jobs;

namespace ReferralFlow.Host.Features.Bell;

/// <summary>The in-app bell: my notifications, their unread count in the header, marked read when opened, kept 90 days.</summary>
public static class BellFeature
{
    public static IServiceCollection AddBellFeature(this IServiceCollection services)
    {
        services.AddScoped<ListBell>().AddScoped<MarkBellRead>().AddScoped<BellRetention>();
        // 04:10 KST daily.
        services.AddRecurringJob<BellRetention>("bell:retention", job => job.RunAsync(CancellationToken.None), "0 10 19 * * *");
        return services;
    }

    public static RouteGroupBuilder MapBell(this RouteGroupBuilder group)
    {
        group.MapGet("/", (bool? unread, int? limit, string? cursor, [FromServices] ListBell handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(unread, limit, cursor, cancellationToken))
            .WithName(nameof(ListBell))
            .WithSummary("My notifications (new steps, tasks given to me, consent needed …), newest first; unread=true for unread only; paged (limit, cursor); total is the unread count.");
        group.MapPost("/{id:guid}/read", ([FromRoute] Guid id, [FromServices] MarkBellRead handler, CancellationToken cancellationToken) =>
                handler.OneAsync(id, cancellationToken))
            .WithName("MarkNotificationRead")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Mark one of my notifications read; answers the unread count.");
        group.MapPost("/read-all", ([FromServices] MarkBellRead handler, CancellationToken cancellationToken) => handler.AllAsync(cancellationToken))
            .WithName("MarkAllNotificationsRead")
            .WithSummary("Mark all my notifications read.");
        return group;
    }
}
