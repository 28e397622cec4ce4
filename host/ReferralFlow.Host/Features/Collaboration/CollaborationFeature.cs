namespace ReferralFlow.Host.Features.Collaboration;

/// <summary>
/// The collaboration report of the seed presentation (민관협력 실적): referrals per year and joint public-private responses
/// (meetings, training, joint projects, resource linkage) with counts, hours and people, as JSON, CSV and Excel.
/// </summary>
public static class CollaborationFeature
{
    public static IServiceCollection AddCollaborationFeature(this IServiceCollection services) => services;

    /// <summary>Mapped on the <c>/api</c> group (signed-in callers; recording needs the district hub or a system admin).</summary>
    public static RouteGroupBuilder MapCollaboration(this RouteGroupBuilder group)
    {
        group.MapPost("/joint-responses", RecordJointResponse.HandleAsync)
            .Produces<JointResponseView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Record a joint public-private response of your district (district hub, system admin): date, kind, title, hours, people, agencies.");
        group.MapGet("/joint-responses", ListJointResponses.HandleAsync)
            .WithSummary("The joint responses of your district, newest first, optionally of one year; paged (limit, cursor).");
        group.MapGet("/reports/collaboration", CollaborationReport.HandleAsync)
            .Produces<CollaborationReport.Report>().ProducesValidationProblem()
            .WithSummary("Per year: referrals opened (plus imported history) and joint responses in total and per kind with count, hours and people.");
        group.MapGet("/reports/collaboration.csv", ExportCollaborationReport.CsvAsync)
            .Produces(StatusCodes.Status200OK, typeof(Stream), "text/csv")
            .WithSummary("The collaboration report as CSV (UTF-8 with a byte order mark, for Excel).");
        group.MapGet("/reports/collaboration.xlsx", ExportCollaborationReport.XlsxAsync)
            .Produces(StatusCodes.Status200OK, typeof(Stream), ExportCollaborationReport.XlsxContentType)
            .WithSummary("The collaboration report as an Excel workbook.");
        return group;
    }
}

/// <summary>A joint response as the API shows it.</summary>
public sealed record JointResponseView(
    Guid Id, string District, DateOnly Date, Data.JointResponseKind Kind, string Title, decimal Hours, int People,
    IReadOnlyList<string> AgencyIds, Guid RecordedBy, DateTimeOffset RecordedAt)
{
    public static JointResponseView From(Data.JointResponse j) =>
        new(j.Id, j.District, j.Date, j.Kind, j.Title, j.Hours, j.People, j.AgencyIds, j.RecordedBy, j.RecordedAt);
}
