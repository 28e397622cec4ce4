using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ReferralFlow.Benchmarks.Store;

/// <summary>
/// Counts round trips to PostgreSQL however they are issued: every Npgsql command or batch (EF Core's and the runtime's
/// own row writer alike, from Npgsql's activity source) plus every COMMIT of a transaction EF Core opened.
/// Add it to the contexts as an interceptor; dispose it to stop listening.
/// </summary>
public sealed class NpgsqlRoundTrips : IDbTransactionInterceptor, IDisposable
{
    private readonly ActivityListener _listener;
    private long _count;

    public NpgsqlRoundTrips()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
            ActivityStarted = _ => Interlocked.Increment(ref _count),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public long Count => Interlocked.Read(ref _count);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }

    public void Dispose() => _listener.Dispose();
}
