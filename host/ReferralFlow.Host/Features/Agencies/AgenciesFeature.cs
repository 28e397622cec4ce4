using Microsoft.AspNetCore.Mvc;

namespace ReferralFlow.Host.Features.Agencies;

public static class AgenciesFeature
{
    public static IServiceCollection AddAgenciesFeature(this IServiceCollection services) => services.AddScoped<ListAgencies>().AddScoped<GetAgency>().AddScoped<ListDistrictDongs>();

    public static RouteGroupBuilder MapAgencies(this RouteGroupBuilder group)
    {
        group.MapGet("/", (string? district, string? kind, int? limit, string? cursor, [FromServices] ListAgencies handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(district, kind, limit, cursor, cancellationToken))
            .WithName(nameof(ListAgencies)).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("List the agencies of my district (system administrators: any, ?district=), optionally of one kind (?kind=); paged (limit, cursor).");
        group.MapGet("/{id}", (string id, [FromServices] GetAgency handler, CancellationToken cancellationToken) => handler.HandleAsync(id, cancellationToken))
            .WithName(nameof(GetAgency)).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One agency.");
        return group;
    }
}
