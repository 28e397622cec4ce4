using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Repair;

/// <summary>
/// Repair of a referral's route by system administrators (the route group requires the role). Every change needs a
/// reason, is audit-logged as <c>repair.&lt;action&gt;</c> and written to the case timeline in one transaction.
/// </summary>
public static class RepairFeature
{
    public static IServiceCollection AddRepairFeature(this IServiceCollection services) =>
        services.AddScoped<RepairStateReader>().AddScoped<RepairRunner>()
            .AddScoped<GetRepairState>().AddScoped<CancelStep>().AddScoped<ReopenStep>().AddScoped<MoveToken>().AddScoped<MigrateReferral>();

    // The endpoints only translate HTTP: If-Match into the request's version, the route's version into the ETag. Each is
    // named after its use case, which is its operationId.

    public static RouteGroupBuilder MapRepair(this RouteGroupBuilder group)
    {
        group.MapGet("/referrals/{referralId:guid}", async (Guid referralId, HttpContext http, [FromServices] GetRepairState handler, CancellationToken cancellationToken) =>
                Answer(http, await handler.HandleAsync(referralId, cancellationToken)))
            .WithName(nameof(GetRepairState))
            .Produces<RepairState>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The referral's route: status, version (ETag), open steps and waiting tokens.");
        group.MapPost("/referrals/{referralId:guid}/steps/{taskId:int}/cancel", async (Guid referralId, int taskId, CancelStep.Request? request, HttpContext http, [FromServices] CancelStep handler, CancellationToken cancellationToken) =>
                Answer(http, await handler.HandleAsync(referralId, taskId, request is null ? null : request with { Version = Versions.Expected(http.Request, request.Version) }, cancellationToken)))
            .WithName(nameof(CancelStep))
            .ProducesRepair()
            .WithSummary("Cancel an open step: 'skip' (default; the route continues past it) or 'cancel-branch' (its branch ends). Needs a reason.");
        group.MapPost("/referrals/{referralId:guid}/steps/reopen", async (Guid referralId, ReopenStep.Request? request, HttpContext http, [FromServices] ReopenStep handler, CancellationToken cancellationToken) =>
                Answer(http, await handler.HandleAsync(referralId, request is null ? null : request with { Version = Versions.Expected(http.Request, request.Version) }, cancellationToken)))
            .WithName(nameof(ReopenStep))
            .ProducesRepair()
            .WithSummary("Reopen a completed step as a new task while the route runs; 409 when the route has ended. Needs a reason.");
        group.MapPost("/referrals/{referralId:guid}/tokens/{tokenId:int}/move", async (Guid referralId, int tokenId, MoveToken.Request? request, HttpContext http, [FromServices] MoveToken handler, CancellationToken cancellationToken) =>
                Answer(http, await handler.HandleAsync(referralId, tokenId, request is null ? null : request with { Version = Versions.Expected(http.Request, request.Version) }, cancellationToken)))
            .WithName(nameof(MoveToken))
            .ProducesRepair()
            .WithSummary("Move a waiting or stuck token to another node. Needs a reason.");
        group.MapPost("/referrals/{referralId:guid}/migrate", async (Guid referralId, MigrateReferral.Request? request, HttpContext http, [FromServices] MigrateReferral handler, CancellationToken cancellationToken) =>
                Answer(http, await handler.HandleAsync(referralId, request is null ? null : request with { Version = Versions.Expected(http.Request, request.Version) }, cancellationToken)))
            .WithName(nameof(MigrateReferral))
            .ProducesRepair()
            .WithSummary("Move a running referral to a newer version of its workflow; 409 listing the nodes that do not map. Needs a reason.");
        return group;
    }

    private static IResult Answer(HttpContext http, RepairState state)
    {
        Versions.SetETag(http, state.Version);
        return Results.Ok(state);
    }

    // A repair answers the new route state, or 404 (no such referral or step), 409 (the route moved on, a stale version)
    // or 422 (the workflow version cannot run).
    private static RouteHandlerBuilder ProducesRepair(this RouteHandlerBuilder builder) =>
        builder.Produces<RepairState>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
