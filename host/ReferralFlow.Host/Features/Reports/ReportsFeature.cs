namespace ReferralFlow.Host.Features.Reports;

public static class ReportsFeature
{
    public static RouteGroupBuilder MapReports(this RouteGroupBuilder group)
    {
        group.MapGet("/agencies", OverdueByAgency.HandleAsync)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Open, overdue and escalated steps per agency, with the median time to complete a step; paged (limit, cursor).");
        return group;
    }
}
