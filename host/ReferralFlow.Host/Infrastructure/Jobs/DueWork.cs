using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>Work on rows that fell due (timers, escalation levels, outbox messages); returns how many rows it handled.</summary>
public interface IDueWork
{
    Task<int> RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// What <see cref="DueWorkScheduler"/> runs for a <see cref="DueWorkKind"/>: a scoped <see cref="IDueWork"/>, and
/// optionally the earliest instant it may run at all (the mail circuit breaker's next probe).
/// </summary>
public sealed record DueWorkRegistration(DueWorkKind Kind, Type Work, Func<IServiceProvider, DateTimeOffset?>? NotBefore);

public static class DueWorkExtensions
{
    public static IServiceCollection AddDueWork<TWork>(this IServiceCollection services, DueWorkKind kind, Func<IServiceProvider, DateTimeOffset?>? notBefore = null)
        where TWork : class, IDueWork
    {
        services.AddScoped<TWork>();
        return services.AddSingleton(new DueWorkRegistration(kind, typeof(TWork), notBefore));
    }
}
