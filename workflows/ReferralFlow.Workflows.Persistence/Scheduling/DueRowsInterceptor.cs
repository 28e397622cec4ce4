using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// Raises <see cref="WorkflowDueSignal"/> once the rows a save wrote are visible: at once for a save outside a
/// transaction, at commit inside one (a scheduler woken earlier would find nothing and sleep past the row).
/// </summary>
internal sealed class DueRowsInterceptor(WorkflowDueSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private DateTimeOffset? _pending;

    /// <summary>The context's interceptor; null for a context built without <c>AddWorkflowPersistence</c>.</summary>
    public static DueRowsInterceptor? Of(DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<DueRowsInterceptor>().FirstOrDefault();

    /// <summary>Rows due at <paramref name="due"/> were written past <c>SaveChanges</c> (an <see cref="ICommandRowWriter"/>).</summary>
    public void Wrote(DbContext context, DateTimeOffset due)
    {
        if (_pending is null || due < _pending)
        {
            _pending = due;
        }

        Saved(context);
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush();
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush();

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending = null;
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _pending = null;

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            DateTimeOffset? due = entry.Entity switch
            {
                TimerRecord { Status: TimerStatus.Pending } timer => timer.DueAt,
                EscalationRecord { Status: EscalationStatus.Pending } escalation => escalation.DueAt,
                OutboxMessageRecord { Status: OutboxStatus.Pending } message => message.NextAttemptAt,
                _ => null,
            };
            if (due is { } instant && (_pending is null || instant < _pending))
            {
                _pending = instant;
            }
        }
    }

    private void Saved(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Flush();
        }
    }

    private void Flush()
    {
        if (_pending is { } due)
        {
            _pending = null;
            signal.Raise(due);
        }
    }
}
