using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ReferralFlow.Workflows.Persistence.Sqlite;

/// <summary>Configures <see cref="WorkflowDbContext"/> for SQLite, the embedded default, with this assembly's migrations.</summary>
public static class SqliteWorkflowStorage
{
    /// <summary>Uses SQLite at <paramref name="connectionString"/> (e.g. <c>Data Source=referralflow.db</c>).</summary>
    /// <param name="builder">The options builder.</param>
    /// <param name="connectionString">The SQLite connection string.</param>
    /// <param name="configure">Further SQLite options.</param>
    public static DbContextOptionsBuilder UseWorkflowSqlite(
        this DbContextOptionsBuilder builder, string connectionString, Action<SqliteDbContextOptionsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.UseSqlite(connectionString, sqlite =>
        {
            sqlite.MigrationsAssembly(typeof(SqliteWorkflowStorage).Assembly.GetName().Name);
            configure?.Invoke(sqlite);
        });
        builder.ReplaceService<IModelCustomizer, SqliteWorkflowModelCustomizer>();
        return builder.UseWorkflowClaimQueries(SqliteClaimQueries.Instance);
    }

    /// <summary>Uses an open or closed SQLite connection owned by the caller (so several contexts share one transaction).</summary>
    /// <param name="builder">The options builder.</param>
    /// <param name="connection">The connection; the caller disposes it.</param>
    public static DbContextOptionsBuilder UseWorkflowSqlite(this DbContextOptionsBuilder builder, System.Data.Common.DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSqlite(connection, sqlite => sqlite.MigrationsAssembly(typeof(SqliteWorkflowStorage).Assembly.GetName().Name));
        builder.ReplaceService<IModelCustomizer, SqliteWorkflowModelCustomizer>();
        return builder.UseWorkflowClaimQueries(SqliteClaimQueries.Instance);
    }
}
