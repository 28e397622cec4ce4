using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Transfers;

/// <summary>
/// Transfers between districts (전출): the public case owner requests, the receiving district's hub accepts (naming the
/// new case owner) or declines. The endpoints and the pages <c>/transfers</c> and <c>/referrals/{id}/transfer</c> call the
/// same handlers; each endpoint only translates HTTP (If-Match into the version, the version into the ETag).
/// </summary>
public static class TransfersFeature
{
    public static IServiceCollection AddTransfersFeature(this IServiceCollection services)
    {
        services.TryAddScoped<Alerts.BellEntries>();
        return services.AddScoped<TransferScope>().AddScoped<TransferViews>().AddScoped<TransferRecords>().AddScoped<TransferBell>()
            .AddScoped<RequestTransfer>().AddScoped<ListTransfers>().AddScoped<GetTransfer>().AddScoped<AcceptTransfer>().AddScoped<DeclineTransfer>();
    }

    /// <summary><c>POST /api/referrals/{id}/transfers</c>.</summary>
    public static RouteGroupBuilder MapReferralTransfers(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/transfers", async (Guid id, RequestTransfer.Request request, HttpContext context, [FromServices] RequestTransfer handler, CancellationToken ct) =>
            {
                var transfer = await handler.HandleAsync(id, request, Versions.Expected(context.Request), ct);
                Versions.SetETag(context, transfer.Version);
                return Results.Created($"/api/transfers/{transfer.Id}", transfer);
            })
            .WithName(nameof(RequestTransfer))
            .Produces<TransferView>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("Ask another district to take over the referral (전출; public case owner; If-Match or version: the referral's version): district, reason code, optional note kept in the platform.");
        return group;
    }

    /// <summary><c>/api/transfers</c>: list, read, accept, decline.</summary>
    public static RouteGroupBuilder MapTransfers(this RouteGroupBuilder group)
    {
        group.MapGet("/", ([AsParameters] ListTransfers.Query query, [FromServices] ListTransfers handler, CancellationToken ct) => handler.HandleAsync(query, ct))
            .WithName(nameof(ListTransfers)).ProducesValidationProblem()
            .WithSummary("The transfers you see (status, direction: incoming or outgoing), newest first; paged (limit, cursor).");
        group.MapGet("/{id:guid}", async (Guid id, HttpContext context, [FromServices] GetTransfer handler, CancellationToken ct) =>
            {
                var transfer = await handler.HandleAsync(id, ct);
                Versions.SetETag(context, transfer.Version);
                return Results.Ok(transfer);
            })
            .WithName(nameof(GetTransfer)).Produces<TransferView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A transfer (ETag = version).");
        group.MapPost("/{id:guid}/accept", async (Guid id, AcceptTransfer.Request request, HttpContext context, [FromServices] AcceptTransfer handler, CancellationToken ct) =>
            {
                var transfer = await handler.HandleAsync(id, request, Versions.Expected(context.Request), ct);
                Versions.SetETag(context, transfer.Version);
                return Results.Ok(transfer);
            })
            .WithName(nameof(AcceptTransfer)).Produces<TransferView>().Decides()
            .WithSummary("Accept a transfer into your district (its hub; If-Match or version) and name the new public case owner agency; the referral moves with its history.");
        group.MapPost("/{id:guid}/decline", async (Guid id, DeclineTransfer.Request request, HttpContext context, [FromServices] DeclineTransfer handler, CancellationToken ct) =>
            {
                var transfer = await handler.HandleAsync(id, request, Versions.Expected(context.Request), ct);
                Versions.SetETag(context, transfer.Version);
                return Results.Ok(transfer);
            })
            .WithName(nameof(DeclineTransfer)).Produces<TransferView>().Decides()
            .WithSummary("Decline a transfer into your district (its hub; If-Match or version) with a reason code; the referral stays as it was.");
        return group;
    }

    private static RouteHandlerBuilder Decides(this RouteHandlerBuilder builder) =>
        builder.ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
}
