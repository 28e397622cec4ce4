namespace ReferralFlow.Host.Features.Audit;

public static class AuditFeature
{
    public static IServiceCollection AddAuditFeature(this IServiceCollection services) =>
        services.AddScoped<AuditLog>();

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder group) => group;
}
