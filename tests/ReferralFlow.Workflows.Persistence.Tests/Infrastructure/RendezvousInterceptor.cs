using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

/// <summary>
/// Holds the first <c>parties</c> SaveChanges calls until all of them have arrived, so competing claimers are guaranteed
/// to hold their selected rows before either commits. Later calls pass straight through.
/// </summary>
public sealed class RendezvousInterceptor(int parties) : SaveChangesInterceptor
{
    private readonly Rendezvous _rendezvous = new(parties);

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await _rendezvous.ArriveAsync(cancellationToken);
        return result;
    }
}

/// <summary>
/// Holds the first <c>parties</c> queries (each party's first: it waits there) until all have run, so competing commands
/// are guaranteed to have loaded the same revision before either writes, however the command writes its rows.
/// </summary>
public sealed class FirstQueryRendezvous(int parties) : DbCommandInterceptor
{
    private readonly Rendezvous _rendezvous = new(parties);

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        await _rendezvous.ArriveAsync(cancellationToken);
        return result;
    }
}

internal sealed class Rendezvous(int parties)
{
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public async Task ArriveAsync(CancellationToken cancellationToken)
    {
        var arrival = Interlocked.Increment(ref _arrived);
        if (arrival == parties)
        {
            _allArrived.TrySetResult();
        }

        if (arrival <= parties)
        {
            await _allArrived.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
    }
}
