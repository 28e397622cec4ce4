using Microsoft.AspNetCore.Mvc;

namespace ReferralFlow.Host.Features.Reports;

public static class ReportsFeature
{
    public static IServiceCollection AddReportsFeature(this IServiceCollection services) => services.AddScoped<OverdueByAgency>();

    public static RouteGroupBuilder MapReports(this RouteGroupBuilder group)
    {
        group.MapGet("/agencies", (string? district, bool? owned, int? limit, string? cursor, [FromServices] OverdueByAgency handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(district, owned, limit, cursor, cancellationToken))
            .WithName(nameof(OverdueByAgency))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Open, overdue and escalated steps per agency, with the median time to complete a step; paged (limit, cursor).");
        return group;
    }
}
