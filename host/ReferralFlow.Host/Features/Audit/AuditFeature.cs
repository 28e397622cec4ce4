namespace ReferralFlow.Host.Features.Audit;

public static class AuditFeature
{
    public static IServiceCollection AddAuditFeature(this IServiceCollection services) =>
        services.AddScoped<AuditLog>();

    /// <summary>The route group already requires the system-admin role.</summary>
    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder group)
    {
        group.MapGet("/", QueryAuditLog.HandleAsync)
            .WithSummary("The audit log, newest first: filter by referralId, userId, action prefix, from/to; paged (limit, cursor).");
        return group;
    }
}
