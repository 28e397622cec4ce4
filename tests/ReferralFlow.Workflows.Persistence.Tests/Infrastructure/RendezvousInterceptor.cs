using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

/// <summary>
/// Holds the first <c>parties</c> SaveChanges calls until all of them have arrived, so competing commands are guaranteed
/// to have loaded the same revision before either writes. Later calls pass straight through.
/// </summary>
public sealed class RendezvousInterceptor(int parties) : SaveChangesInterceptor
{
    private readonly TaskCompletionSource _allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
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

        return result;
    }
}
