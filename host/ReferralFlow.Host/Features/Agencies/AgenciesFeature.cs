namespace ReferralFlow.Host.Features.Agencies;

public static class AgenciesFeature
{
    public static IServiceCollection AddAgenciesFeature(this IServiceCollection services) => services.AddScoped<ListDistrictDongs>();

    public static RouteGroupBuilder MapAgencies(this RouteGroupBuilder group)
    {
        group.MapGet("/", ListAgencies.HandleAsync)
            .WithSummary("List agencies, optionally of one district (?district=) and kind (?kind=); paged (limit, cursor).");
        group.MapGet("/{id}", GetAgency.HandleAsync).ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One agency.");
        return group;
    }
}
