using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Referrals;

public static class ReferralsFeature
{
    public static IServiceCollection AddReferralsFeature(this IServiceCollection services) =>
        services
            .AddScoped<ReferralViews>()
            .AddScoped<ReferralNumbers>()
            .AddScoped<OpenReferral>().AddScoped<ListReferrals>().AddScoped<GetReferral>().AddScoped<GetTimeline>()
            .AddScoped<ListNotes>().AddScoped<AddNote>().AddScoped<NoteAlerts>().AddScoped<Notifications.IMessageDataSource, NoteAlertData>().AddScoped<CloseReferral>().AddScoped<GetReferralForm>()
            .AddSingleton<HouseholdKeys>().AddHostedService<HouseholdKeysStartCheck>().AddScoped<CheckDuplicateReferral>();

    // The endpoints only translate HTTP: If-Match into the request's version, the referral's version into the ETag, 201 with
    // its Location. Each is named after its use case, which is its operationId.

    /// <summary>Every signed-in worker; what each sees and may do is scoped by <see cref="ReferralAccess"/>.</summary>
    public static RouteGroupBuilder MapReferrals(this RouteGroupBuilder group)
    {
        group.MapPost("/", async (OpenReferral.Request request, HttpContext context, [FromServices] OpenReferral handler, CancellationToken cancellationToken) =>
            {
                var referral = await handler.HandleAsync(request, cancellationToken);
                ReferralVersion.SetETag(context, referral.Version);
                return Results.Created($"/api/referrals/{referral.Id}", referral);
            })
            .WithName(nameof(OpenReferral))
            .Produces<ReferralResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithRequestExample(OpenReferral.Example)
            .WithSummary("Open a referral for a household: workflow, dong, consent, role allocation overrides, public case owner; 201 with the referral and its ETag. 409 possible-duplicate (with the owners' contact) when the district has an open referral of the household: send duplicateReason to open anyway.");
        group.MapPost("/duplicate-check", (CheckDuplicateReferral.Request request, [FromServices] CheckDuplicateReferral handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(request, cancellationToken))
            .WithName(nameof(CheckDuplicateReferral))
            .Produces<CheckDuplicateReferral.Response>().ProducesValidationProblem()
            .WithSummary("Before opening: does the district already have an open referral for this household (name, birth date, address)? Answers who owns it and their contact, never its content.");
        group.MapGet("/", ([AsParameters] ListReferrals.Query query, [FromServices] ListReferrals handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(query, cancellationToken))
            .WithName(nameof(ListReferrals))
            .WithSummary("List the referrals you may see (status, open, dong, number, mine), newest first; paged (limit, cursor).");
        group.MapGet("/{id:guid}", async (Guid id, HttpContext context, [FromServices] GetReferral handler, CancellationToken cancellationToken) =>
            {
                var referral = await handler.HandleAsync(id, cancellationToken);
                ReferralVersion.SetETag(context, referral.Version);
                return Results.Ok(referral);
            })
            .WithName(nameof(GetReferral))
            .Produces<ReferralResponse>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A referral with its participants, consent summary, steps and incidents; ETag = version.");
        group.MapGet("/{id:guid}/timeline", (Guid id, int? limit, string? cursor, [FromServices] GetTimeline handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(id, limit, cursor, cancellationToken))
            .WithName(nameof(GetTimeline))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The shared case timeline: workflow events, outcomes, reasons and notes in time order; paged (limit, cursor).");
        group.MapGet("/{id:guid}/notes", (Guid id, int? limit, string? cursor, [FromServices] ListNotes handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(id, limit, cursor, cancellationToken))
            .WithName(nameof(ListNotes))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The referral's notes, oldest first; paged (limit, cursor).");
        group.MapPost("/{id:guid}/notes", async (Guid id, AddNote.Request request, [FromServices] AddNote handler, CancellationToken cancellationToken) =>
            {
                var note = await handler.HandleAsync(id, request, cancellationToken);
                return Results.Created($"/api/referrals/{note.ReferralId}/notes/{note.Id}", note);
            })
            .WithName(nameof(AddNote))
            .Produces<AddNote.Response>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Add a note to the shared timeline (agencies taking part in the referral).");
        group.MapPost("/{id:guid}/close", async (Guid id, CloseReferral.Request request, HttpContext context, [FromServices] CloseReferral handler, CancellationToken cancellationToken) =>
            {
                var referral = await handler.HandleAsync(id, request with { Version = ReferralVersion.Sent(context.Request, request.Version) }, cancellationToken);
                ReferralVersion.SetETag(context, referral.Version);
                return Results.Ok(referral);
            })
            .WithName(nameof(CloseReferral))
            .Produces<ReferralResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("Close the referral with an outcome code and an optional note kept in the system (public case owner; If-Match or version: the referral's version); open steps need a reason each; sends the reply to the referring agency.");
        return group;
    }
}
