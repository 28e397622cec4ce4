using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>When a host row a feature schedules as due work (<see cref="IDueWorkSource"/>) falls due; null for other entities.</summary>
public sealed record DueRowProbe(Func<object, DateTimeOffset?> DueAt);

/// <summary>
/// The host context's counterpart of the engine's interceptor: raises <see cref="WorkflowDueSignal"/> with the earliest
/// due instant of the host rows a save added (<see cref="DueRowProbe"/>) once they are visible — at once outside a
/// transaction, at the commit of a transaction begun on this context, and for <see cref="Database.UnitOfWork"/>'s
/// transaction (begun on the engine's context) when it calls <see cref="Committed"/>. Other processes hear of the rows
/// through PostgreSQL <c>NOTIFY</c> (the host migration <c>AlertWakeups</c>). One per scope.
/// </summary>
public sealed class HostDueRows(WorkflowDueSignal signal, IEnumerable<DueRowProbe> probes) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly DueRowProbe[] _probes = [.. probes];
    private DateTimeOffset? _pending;

    /// <summary>The transaction that saved the rows committed.</summary>
    public void Committed()
    {
        if (_pending is { } due)
        {
            _pending = null;
            signal.Raise(due);
        }
    }

    /// <summary>The transaction that saved the rows rolled back.</summary>
    public void RolledBack() => _pending = null;

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed();
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        RolledBack();
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => RolledBack();

    private void Collect(DbContext? context)
    {
        if (context is null || _probes.Length == 0)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Added)
            {
                continue;
            }

            foreach (var probe in _probes)
            {
                if (probe.DueAt(entry.Entity) is { } due && (_pending is null || due < _pending))
                {
                    _pending = due;
                }
            }
        }
    }

    private void Saved(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Committed();
        }
    }
}
