using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ReferralFlow.Host.Data;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Infrastructure.Database;

/// <summary>
/// Runs a use case that writes the host's and the engine's tables in one transaction on the shared connection:
/// the engine runtime saves inside it, both contexts' pending changes are saved at the end, then everything commits.
/// </summary>
public sealed class UnitOfWork(ReferralFlowDbContext host, WorkflowDbContext workflow)
{
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var transaction = await workflow.Database.BeginTransactionAsync(cancellationToken);
        await host.Database.UseTransactionAsync(transaction.GetDbTransaction(), cancellationToken);
        try
        {
            var result = await work(cancellationToken);
            await workflow.SaveChangesAsync(cancellationToken);
            await host.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        finally
        {
            await host.Database.UseTransactionAsync(null, cancellationToken);
            workflow.ChangeTracker.Clear();
        }
    }

    public Task ExecuteAsync(Func<CancellationToken, Task> work, CancellationToken cancellationToken) =>
        ExecuteAsync(async ct =>
        {
            await work(ct);
            return true;
        }, cancellationToken);
}
