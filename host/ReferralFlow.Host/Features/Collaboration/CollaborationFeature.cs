using Microsoft.AspNetCore.Mvc;

namespace ReferralFlow.Host.Features.Collaboration;

/// <summary>
/// The collaboration report of the seed presentation (민관협력 실적): referrals per year and joint public-private responses
/// (meetings, training, joint projects, resource linkage) with counts, hours and people, as JSON, CSV and Excel.
/// </summary>
public static class CollaborationFeature
{
    public static IServiceCollection AddCollaborationFeature(this IServiceCollection services) =>
        services.AddScoped<RecordJointResponse>().AddScoped<ListJointResponses>().AddScoped<CollaborationReport>().AddScoped<ReferralYearCounts>().AddScoped<ExportCollaborationReport>();

    /// <summary>Mapped on the <c>/api</c> group (signed-in callers; recording needs the district hub or a system admin).</summary>
    public static RouteGroupBuilder MapCollaboration(this RouteGroupBuilder group)
    {
        group.MapPost("/joint-responses", async (RecordJointResponse.Request request, [FromServices] RecordJointResponse handler, CancellationToken cancellationToken) =>
            {
                var recorded = await handler.HandleAsync(request, cancellationToken);
                return Results.Created($"/api/joint-responses/{recorded.Id}", recorded);
            })
            .WithName(nameof(RecordJointResponse))
            .Produces<JointResponseView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Record a joint public-private response of your district (district hub, system admin): date, kind, title, hours, people, agencies.");
        group.MapGet("/joint-responses", (int? year, int? limit, string? cursor, [FromServices] ListJointResponses handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(year, limit, cursor, cancellationToken))
            .WithName(nameof(ListJointResponses))
            .WithSummary("The joint responses of your district, newest first, optionally of one year; paged (limit, cursor).");
        group.MapGet("/reports/collaboration", (int? from, int? to, [FromServices] CollaborationReport handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(from, to, cancellationToken))
            .WithName(nameof(CollaborationReport))
            .Produces<CollaborationReport.Report>().ProducesValidationProblem()
            .WithSummary("Per year: referrals opened (plus imported history) and joint responses in total and per kind with count, hours and people.");
        group.MapGet("/reports/collaboration.csv", async (int? from, int? to, [FromServices] ExportCollaborationReport handler, CancellationToken cancellationToken) =>
                AsFile(await handler.CsvAsync(from, to, cancellationToken)))
            .WithName(nameof(ExportCollaborationReport) + "Csv")
            .Produces(StatusCodes.Status200OK, typeof(Stream), "text/csv")
            .WithSummary("The collaboration report as CSV (UTF-8 with a byte order mark, for Excel).");
        group.MapGet("/reports/collaboration.xlsx", async (int? from, int? to, [FromServices] ExportCollaborationReport handler, CancellationToken cancellationToken) =>
                AsFile(await handler.XlsxAsync(from, to, cancellationToken)))
            .WithName(nameof(ExportCollaborationReport) + "Xlsx")
            .Produces(StatusCodes.Status200OK, typeof(Stream), ExportCollaborationReport.XlsxContentType)
            .WithSummary("The collaboration report as an Excel workbook.");
        return group;
    }

    private static IResult AsFile(ExportCollaborationReport.File file) => Results.File(file.Content, file.ContentType, file.Name);
}

/// <summary>A joint response as the API shows it.</summary>
public sealed record JointResponseView(
    Guid Id, string District, DateOnly Date, Data.JointResponseKind Kind, string Title, decimal Hours, int People,
    IReadOnlyList<string> AgencyIds, Guid RecordedBy, DateTimeOffset RecordedAt)
{
    public static JointResponseView From(Data.JointResponse j) =>
        new(j.Id, j.District, j.Date, j.Kind, j.Title, j.Hours, j.People, j.AgencyIds, j.RecordedBy, j.RecordedAt);
}
