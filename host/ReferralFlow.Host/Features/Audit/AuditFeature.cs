using Microsoft.AspNetCore.Mvc;

namespace ReferralFlow.Host.Features.Audit;

public static class AuditFeature
{
    public static IServiceCollection AddAuditFeature(this IServiceCollection services) =>
        services.AddScoped<AuditLog>().AddScoped<QueryAuditLog>();

    /// <summary>The route group already requires the system-admin role.</summary>
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder group)
    {
        group.MapGet("/", (Guid? referralId, Guid? userId, string? action, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? cursor,
                    [FromServices] QueryAuditLog handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(referralId, userId, action, from, to, limit, cursor, cancellationToken))
            .WithName(nameof(QueryAuditLog))
            .WithSummary("The audit log, newest first: filter by referralId, userId, action prefix, from/to; paged (limit, cursor).");
        return group;
    }
}
