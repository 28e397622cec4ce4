using Microsoft.AspNetCore.Mvc;

namespace ReferralFlow.Host.Features.Audit;

public static class AuditFeature
{
    public static IServiceCollection AddAuditFeature(this IServiceCollection services) =>
        services.AddScoped<AuditLog>().AddScoped<QueryAuditLog>();

    /// <summary>System and district administrators (the handler scopes and refuses the others).</summary>
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder group)
    {
        group.MapGet("/", (Guid? referralId, Guid? userId, string? action, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? cursor, string? district,
                    [FromServices] QueryAuditLog handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(referralId, userId, action, from, to, limit, cursor, cancellationToken, district))
            .WithName(nameof(QueryAuditLog)).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The audit log, newest first (district administrators: their district's only): filter by district, referralId, userId, action prefix, from/to; paged (limit, cursor).");
        return group;
    }
}
