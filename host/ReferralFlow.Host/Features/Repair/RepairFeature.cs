namespace ReferralFlow.Host.Features.Repair;

/// <summary>
/// Repair of a referral's route by system administrators (the route group requires the role). Every change needs a
/// reason, is audit-logged as <c>repair.&lt;action&gt;</c> and written to the case timeline in one transaction.
/// </summary>
public static class RepairFeature
{
    public static IServiceCollection AddRepairFeature(this IServiceCollection services) =>
        services.AddScoped<RepairStateReader>().AddScoped<RepairRunner>();

    public static RouteGroupBuilder MapRepair(this RouteGroupBuilder group)
    {
        group.MapGet("/referrals/{referralId:guid}", GetRepairState.HandleAsync)
            .Produces<RepairState>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The referral's route: status, version (ETag), open steps and waiting tokens.");
        group.MapPost("/referrals/{referralId:guid}/steps/{taskId:int}/cancel", CancelStep.HandleAsync)
            .ProducesRepair()
            .WithSummary("Cancel an open step: 'skip' (default; the route continues past it) or 'cancel-branch' (its branch ends). Needs a reason.");
        group.MapPost("/referrals/{referralId:guid}/steps/reopen", ReopenStep.HandleAsync)
            .ProducesRepair()
            .WithSummary("Reopen a completed step as a new task while the route runs; 409 when the route has ended. Needs a reason.");
        group.MapPost("/referrals/{referralId:guid}/tokens/{tokenId:int}/move", MoveToken.HandleAsync)
            .ProducesRepair()
            .WithSummary("Move a waiting or stuck token to another node. Needs a reason.");
        group.MapPost("/referrals/{referralId:guid}/migrate", MigrateReferral.HandleAsync)
            .ProducesRepair()
            .WithSummary("Move a running referral to a newer version of its workflow; 409 listing the nodes that do not map. Needs a reason.");
        return group;
    }

    // A repair answers the new route state, or 404 (no such referral or step), 409 (the route moved on, a stale version)
    // or 422 (the workflow version cannot run).
    private static RouteHandlerBuilder ProducesRepair(this RouteHandlerBuilder builder) =>
        builder.Produces<RepairState>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
