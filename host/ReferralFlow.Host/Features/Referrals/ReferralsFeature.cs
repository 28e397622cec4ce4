using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Referrals;

public static class ReferralsFeature
{
    public static IServiceCollection AddReferralsFeature(this IServiceCollection services) =>
        services
            .AddScoped<ReferralAccess>()
            .AddScoped<ReferralViews>()
            .AddScoped<ReferralNumbers>();

    /// <summary>Every signed-in worker; what each sees and may do is scoped by <see cref="ReferralAccess"/>.</summary>
    public static RouteGroupBuilder MapReferrals(this RouteGroupBuilder group)
    {
        group.MapPost("/", OpenReferral.HandleAsync)
            .Produces<ReferralResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithRequestExample(OpenReferral.Example)
            .WithSummary("Open a referral for a household: workflow, dong, consent, role allocation overrides, public case owner; 201 with the referral and its ETag.");
        group.MapGet("/", ListReferrals.HandleAsync)
            .WithSummary("List the referrals you may see (status, open, dong, number, mine), newest first; paged (limit, cursor).");
        group.MapGet("/{id:guid}", GetReferral.HandleAsync)
            .Produces<ReferralResponse>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A referral with its participants, consent summary, steps and incidents; ETag = version.");
        group.MapGet("/{id:guid}/timeline", GetTimeline.HandleAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The shared case timeline: workflow events, outcomes, reasons and notes in time order; paged (limit, cursor).");
        group.MapGet("/{id:guid}/notes", ListNotes.HandleAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The referral's notes, oldest first; paged (limit, cursor).");
        group.MapPost("/{id:guid}/notes", AddNote.HandleAsync)
            .Produces<AddNote.Response>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Add a note to the shared timeline (agencies taking part in the referral).");
        group.MapPost("/{id:guid}/close", CloseReferral.HandleAsync)
            .Produces<ReferralResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("Close the referral with an outcome (public case owner; If-Match or version: the referral's version); open steps need a reason each; sends the reply to the referring agency.");
        return group;
    }
}
