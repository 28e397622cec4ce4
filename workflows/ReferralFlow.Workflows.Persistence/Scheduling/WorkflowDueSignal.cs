namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// In-process wake-ups for a scheduler that sleeps until the next due row. Raised after a transaction commits that wrote
/// a pending timer, escalation level or outbox message (by the context's interceptor, on every provider), and by a
/// provider's cross-process listener (PostgreSQL <c>LISTEN</c>). Keeps only the earliest instant raised since the last
/// <see cref="Take"/>; one singleton per process (<see cref="ServiceCollectionExtensions.AddWorkflowPersistence(Microsoft.Extensions.DependencyInjection.IServiceCollection, Action{Microsoft.EntityFrameworkCore.DbContextOptionsBuilder})"/>).
/// </summary>
public sealed class WorkflowDueSignal
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _raised = new(0, 1);
    private DateTimeOffset? _earliest;

    /// <summary>Something falls due at <paramref name="dueAt"/> (<see cref="DateTimeOffset.MinValue"/>: look again now).</summary>
    /// <param name="dueAt">The row's due instant.</param>
    public void Raise(DateTimeOffset dueAt)
    {
        lock (_gate)
        {
            _earliest = _earliest is { } earliest && earliest <= dueAt ? earliest : dueAt;
            if (_raised.CurrentCount == 0)
            {
                _raised.Release();
            }
        }
    }

    /// <summary>Completes when <see cref="Raise"/> was called since the last <see cref="Take"/>.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    public Task WaitAsync(CancellationToken cancellationToken) => _raised.WaitAsync(cancellationToken);

    /// <summary>The earliest instant raised since the last call, and forgets it.</summary>
    public DateTimeOffset? Take()
    {
        lock (_gate)
        {
            var earliest = _earliest;
            _earliest = null;
            return earliest;
        }
    }
}
