using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>Registers the engine's storage and application shell.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="WorkflowDbContext"/> (scoped), <see cref="WorkflowRuntime"/> and <see cref="DefinitionStore"/> (scoped),
    /// the operations a host uses instead of the tables (<see cref="WorkflowReadModel"/>, <see cref="WorkflowJournal"/>,
    /// <see cref="WorkTaskStore"/>, <see cref="EscalationClaims"/>, <see cref="OutboxClaims"/>, <see cref="TimerClaims"/>, <see cref="DueSchedule"/>, <see cref="InstanceRetention"/>,
    /// <see cref="DefinitionDistricts"/>, all scoped), the singletons <see cref="DefinitionCache"/>, <see cref="WorkflowDueSignal"/> and <see cref="ClaimHolder"/>
    /// (raised when a commit writes a pending timer, escalation level or outbox message), and
    /// <see cref="TimeProvider.System"/> unless a clock is already registered.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configureDatabase">Chooses the provider, e.g. <c>o => o.UseWorkflowSqlite(cs)</c> or <c>o => o.UseWorkflowPostgres(cs)</c>.</param>
    public static IServiceCollection AddWorkflowPersistence(this IServiceCollection services, Action<DbContextOptionsBuilder> configureDatabase)
    {
        ArgumentNullException.ThrowIfNull(configureDatabase);
        return services.AddWorkflowPersistence((_, options) => configureDatabase(options));
    }

    /// <summary>As <see cref="AddWorkflowPersistence(IServiceCollection, Action{DbContextOptionsBuilder})"/>, with the scope's services (e.g. a shared connection).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configureDatabase">Chooses the provider.</param>
    public static IServiceCollection AddWorkflowPersistence(this IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder> configureDatabase)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureDatabase);
        services.TryAddSingleton<WorkflowDueSignal>();
        services.TryAddSingleton<ClaimHolder>();
        services.AddDbContext<WorkflowDbContext>((sp, options) =>
        {
            configureDatabase(sp, options);
            options.AddInterceptors(new DueRowsInterceptor(sp.GetRequiredService<WorkflowDueSignal>()));
        });
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DefinitionCache>();
        services.TryAddScoped<WorkflowRuntime>();
        services.TryAddScoped<DefinitionStore>();
        services.TryAddScoped<WorkflowReadModel>();
        services.TryAddScoped<WorkflowJournal>();
        services.TryAddScoped<WorkTaskStore>();
        services.TryAddScoped<EscalationClaims>();
        services.TryAddScoped<OutboxClaims>();
        services.TryAddScoped<TimerClaims>();
        services.TryAddScoped<DueSchedule>();
        services.TryAddScoped<InstanceRetention>();
        services.TryAddScoped<DefinitionDistricts>();
        return services;
    }
}
