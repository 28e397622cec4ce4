namespace ReferralFlow.Host.Features.Allocations;

public static class AllocationsFeature
{
    public static IServiceCollection AddAllocationsFeature(this IServiceCollection services) =>
        services.AddScoped<RoleAllocationResolver>();

    public static RouteGroupBuilder MapAllocations(this RouteGroupBuilder group)
    {
        group.MapGet("/", GetAllocations.HandleAsync)
            .WithSummary("The effective default agency of each role in a district and dong (dong rows override district-wide rows).");
        group.MapGet("/table", GetAllocationTable.HandleAsync)
            .WithSummary("Every default row of a district, in the shape PUT takes, with its ETag.");
        group.MapPut("/", ReplaceAllocations.HandleAsync)
            .Produces<AllocationTable.Response>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Replace the defaults of a district (its district hub or a system administrator); If-Match or version: the table's ETag.");
        return group;
    }
}
