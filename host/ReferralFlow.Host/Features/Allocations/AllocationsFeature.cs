using Microsoft.AspNetCore.Mvc;

namespace ReferralFlow.Host.Features.Allocations;

public static class AllocationsFeature
{
    public static IServiceCollection AddAllocationsFeature(this IServiceCollection services) =>
        services.AddScoped<RoleAllocationResolver>().AddScoped<GetAllocations>().AddScoped<GetAllocationTable>().AddScoped<ReplaceAllocations>()
            .AddScoped<CheckAllocationCoverage>().AddScoped<PreviewAllocation>();

    public static RouteGroupBuilder MapAllocations(this RouteGroupBuilder group)
    {
        group.MapGet("/", (string? district, string? dong, [FromServices] GetAllocations handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(district, dong, cancellationToken))
            .WithName(nameof(GetAllocations)).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The effective default agency of each role in a district and dong (dong rows override district-wide rows).");
        group.MapGet("/table", async (string? district, HttpContext context, [FromServices] GetAllocationTable handler, CancellationToken cancellationToken) =>
                ETagged(context, await handler.HandleAsync(district, cancellationToken)))
            .WithName(nameof(GetAllocationTable)).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Every default row of a district, in the shape PUT takes, with its ETag.");
        group.MapGet("/coverage", (string? district, [FromServices] CheckAllocationCoverage handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(district, cancellationToken))
            .WithName(nameof(CheckAllocationCoverage)).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Roles of the district's published workflows without an agency in some dong (each gap: role, dong, workflows).");
        group.MapGet("/preview", (string? district, string? workflowKey, string? dong, [FromServices] PreviewAllocation handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(district, workflowKey, dong, cancellationToken))
            .WithName(nameof(PreviewAllocation)).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Which agency each role of a published workflow gets for a referral from a dong under the current table (default: the first workflow and dong).");
        group.MapPut("/", async (ReplaceAllocations.Request request, HttpContext context, [FromServices] ReplaceAllocations handler, CancellationToken cancellationToken) =>
            {
                // The table's ETag is a content hash, compared as sent (quotes and W/ ignored).
                var sent = context.Request.Headers.IfMatch.ToString() is { Length: > 0 } header ? header : request.Version;
                return Results.Ok(ETagged(context, await handler.HandleAsync(request with { Version = sent }, cancellationToken)));
            })
            .WithName(nameof(ReplaceAllocations))
            .Produces<AllocationTable.Response>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Replace the defaults of a district (its district hub or district administrator, or a system administrator); If-Match or version: the table's ETag.");
        return group;
    }

    private static AllocationTable.Response ETagged(HttpContext context, AllocationTable.Response table)
    {
        context.Response.Headers.ETag = table.Version;
        return table;
    }
}
