using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Jobs;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Infrastructure.Database;

/// <summary>
/// Runs a use case that writes the host's and the engine's tables in one transaction on the shared connection:
/// the engine runtime saves inside it, both contexts' pending changes are saved at the end, then everything commits.
/// The engine's context hears of the commit itself; the host's due rows (<see cref="HostDueRows"/>) are told here.
/// </summary>
public sealed class UnitOfWork(ReferralFlowDbContext host, WorkflowDbContext workflow, HostDueRows dueRows)
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
            dueRows.Committed();
            return result;
        }
        catch
        {
            dueRows.RolledBack();
            throw;
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
