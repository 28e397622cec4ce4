namespace ReferralFlow.Host.Features.Transfers;

/// <summary><c>GET /api/transfers/{id}</c>: one transfer the caller sees (404 otherwise).</summary>
public sealed class GetTransfer(TransferScope scope, TransferViews views)
{
    public async Task<TransferView> HandleAsync(Guid id, CancellationToken cancellationToken) =>
        await views.BuildAsync(await scope.GetVisibleAsync(id, cancellationToken), cancellationToken);
}
