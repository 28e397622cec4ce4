namespace ReferralFlow.Host.Features.Administration.Workers;

/// <summary><c>GET /api/admin/workers/{userId}</c>: one worker the caller administers (another district's: 404).</summary>
public sealed class GetWorker(AdminScope scope, WorkerViews views)
{
    public async Task<WorkerView> HandleAsync(Guid userId, CancellationToken cancellationToken) =>
        await views.BuildAsync(await scope.GetWorkerAsync(userId, cancellationToken), cancellationToken);
}
