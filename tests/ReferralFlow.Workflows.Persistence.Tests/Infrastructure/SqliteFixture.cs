using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Persistence.Sqlite;

namespace ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

/// <summary>SQLite files in a temp directory, one per test (files, not in-memory: concurrency needs real locking).</summary>
public sealed class SqliteFixture : IDatabaseFixture, IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("referralflow-sqlite-").FullName;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async Task<string> CreateMigratedDatabaseAsync(CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_directory, $"{Guid.NewGuid():N}.db"),
            DefaultTimeout = 30,
        }.ConnectionString;
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        UseDatabase(builder, connectionString);
        await using var db = new WorkflowDbContext(builder.Options);
        await db.Database.MigrateAsync(cancellationToken);
        return connectionString;
    }

    public void UseDatabase(DbContextOptionsBuilder builder, string connectionString) => builder.UseWorkflowSqlite(connectionString);

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
