using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Features.CaseViews;

namespace ReferralFlow.Host.Features.Consents;

/// <summary>Consent per recipient agency and category, its withdrawal, and the owner's explicit participants.</summary>
public static class ConsentsFeature
{
    public static IServiceCollection AddConsentsFeature(this IServiceCollection services) =>
        services.AddScoped<RecordConsent>().AddScoped<WithdrawConsent>().AddScoped<ListConsents>().AddScoped<GrantAccess>();

    /// <summary>Under <c>/api/referrals</c>; who may do what is decided by <see cref="ReferralAccess"/>.</summary>
    public static RouteGroupBuilder MapConsents(this RouteGroupBuilder group)
    {
        group.MapGet("/{id:guid}/consents", (Guid id, [FromServices] ListConsents handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(id, cancellationToken))
            .WithName(nameof(ListConsents))
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The referral's consents per agency and category (basic, living, health), live and withdrawn.");
        group.MapPost("/{id:guid}/consents", (Guid id, RecordConsent.Request request, [FromServices] RecordConsent handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(id, request, cancellationToken))
            .WithName(nameof(RecordConsent))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Record consent given during the case (e.g. at the joint visit) for agencies and categories.");
        group.MapPost("/{id:guid}/consents/withdraw", (Guid id, WithdrawConsent.Request request, [FromServices] WithdrawConsent handler, CancellationToken cancellationToken) =>
                handler.HandleAsync(id, request, cancellationToken))
            .WithName(nameof(WithdrawConsent))
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Withdraw consent (철회) for one agency, all or some categories; sharing stops at once.");
        group.MapPost("/{id:guid}/participants", async (Guid id, GrantAccess.Request request, [FromServices] GrantAccess handler, CancellationToken cancellationToken) =>
                Results.Created($"/api/referrals/{id}/participants", await handler.AddAsync(id, request, cancellationToken)))
            .WithName("AddParticipant")
            .Produces<GrantAccess.Grant>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Add an agency to the referral without a step, or extend a done agency's access, with a reason (case owner).");
        group.MapDelete("/{id:guid}/participants/{agencyId}", async (Guid id, string agencyId, [FromServices] GrantAccess handler, CancellationToken cancellationToken) =>
            {
                await handler.RemoveAsync(id, agencyId, cancellationToken);
                return Results.NoContent();
            })
            .WithName("RemoveParticipant")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Take back an agency the case owner added (its steps, if any, still give it access).");
        return group;
    }
}
