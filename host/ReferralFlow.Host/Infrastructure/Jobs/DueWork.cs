using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>Work on rows that fell due (timers, escalation levels, outbox messages, alerts); returns how many rows it handled.</summary>
public interface IDueWork
{
    Task<int> RunAsync(CancellationToken cancellationToken);
}

/// <summary>When the earliest of a kind of the host's own rows falls due (one indexed query); null when none is pending.</summary>
public interface IDueWorkSource
{
    Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellationToken);
}

/// <summary>
/// What <see cref="DueWorkScheduler"/> runs for a kind of due rows (named by <see cref="Kind"/>, which its Hangfire job
/// carries): a scoped <see cref="IDueWork"/>, and optionally the earliest instant it may run at all (the mail circuit
/// breaker's next probe). The next due instant comes from the engine's <see cref="DueSchedule"/> for an engine kind
/// (<see cref="Engine"/>), or from a scoped <see cref="IDueWorkSource"/> for the host's own rows (<see cref="Source"/>).
/// </summary>
public sealed record DueWorkRegistration(string Kind, Type Work, Func<IServiceProvider, DateTimeOffset?>? NotBefore)
{
    public DueWorkKind? Engine { get; init; }

    public Type? Source { get; init; }
}

public static class DueWorkExtensions
{
    public static IServiceCollection AddDueWork<TWork>(this IServiceCollection services, DueWorkKind kind, Func<IServiceProvider, DateTimeOffset?>? notBefore = null)
        where TWork : class, IDueWork
    {
        services.AddScoped<TWork>();
        return services.AddSingleton(new DueWorkRegistration(kind.ToString(), typeof(TWork), notBefore) { Engine = kind });
    }

    /// <summary>Due work on the host's own rows: <typeparamref name="TSource"/> says when they are next due.</summary>
    public static IServiceCollection AddDueWork<TWork, TSource>(this IServiceCollection services, string kind)
        where TWork : class, IDueWork
        where TSource : class, IDueWorkSource
    {
        services.AddScoped<TWork>().AddScoped<TSource>();
        return services.AddSingleton(new DueWorkRegistration(kind, typeof(TWork), null) { Source = typeof(TSource) });
    }
}
