using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Infrastructure.Database;

/// <summary>A start-up step a feature contributes (roles, bundled templates, demo data), run after migrations.</summary>
public interface IStartupTask
{
    /// <summary>Lower runs first.</summary>
    int Order { get; }

    Task RunAsync(IServiceProvider services, CancellationToken cancellationToken);
}

/// <summary>Applies both migration sets, then the features' start-up tasks, before the server takes requests.</summary>
internal sealed partial class DatabaseInitializer(IServiceProvider services, DatabaseOptions options, ILogger<DatabaseInitializer> logger) : IHostedService
{
    // Any fixed number: processes starting together on one PostgreSQL database take turns to migrate and install.
    private const long StartupLockKey = 0x5246_0001;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Provider != DatabaseProvider.PostgreSql)
        {
            await InitializeAsync(cancellationToken);
            return;
        }

        await PostgresDatabaseCreator.EnsureExistsAsync(options.ConnectionString, logger, cancellationToken);

        // A session-level advisory lock on its own connection, held across migrations, Hangfire's schema set-up and
        // the start-up tasks: a second process waits, then finds everything in place.
        await using var connection = new Npgsql.NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var lockCommand = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({StartupLockKey})", connection))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        try
        {
            await InitializeAsync(cancellationToken);
        }
        finally
        {
            await using var unlock = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_unlock({StartupLockKey})", connection);
            await unlock.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var workflow = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var host = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        await workflow.Database.MigrateAsync(cancellationToken);
        await host.Database.MigrateAsync(cancellationToken);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers proceed while a writer commits; it is a property of the database file.
            await host.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        LogMigrated(logger, options.Provider);
        foreach (var task in scope.ServiceProvider.GetServices<IStartupTask>().OrderBy(t => t.Order))
        {
            await task.RunAsync(scope.ServiceProvider, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database migrated ({Provider})")]
    private static partial void LogMigrated(ILogger logger, DatabaseProvider provider);
}
