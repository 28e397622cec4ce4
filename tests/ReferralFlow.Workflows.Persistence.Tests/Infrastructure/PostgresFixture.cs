using Microsoft.EntityFrameworkCore;
using ReferralFlow.Testing;
using ReferralFlow.Workflows.Persistence.PostgreSql;

namespace ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

/// <summary>One throwaway PostgreSQL cluster for the test assembly; a fresh, migrated database per test.</summary>
public sealed class PostgresFixture : IDatabaseFixture, IAsyncLifetime
{
    private PostgresServer? _server;
    private PostgresUnavailableException? _unavailable;

    public async ValueTask InitializeAsync()
    {
        try
        {
            _server = await PostgresServer.StartAsync(TestContext.Current.CancellationToken);
        }
        catch (PostgresUnavailableException ex)
        {
            // Fail the PostgreSQL tests with the reason, but let the SQLite half of the assembly run.
            _unavailable = ex;
        }
    }

    public async Task<string> CreateMigratedDatabaseAsync(CancellationToken cancellationToken)
    {
        var server = _server ?? throw new PostgresUnavailableException(_unavailable?.Message ?? "The PostgreSQL fixture is not initialised.", _unavailable);
        var connectionString = await server.CreateDatabaseAsync($"wf_{Guid.NewGuid():N}", cancellationToken);
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        UseDatabase(builder, connectionString);
        await using var db = new WorkflowDbContext(builder.Options);
        await db.Database.MigrateAsync(cancellationToken);
        return connectionString;
    }

    public void UseDatabase(DbContextOptionsBuilder builder, string connectionString) => builder.UseWorkflowPostgres(connectionString);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
