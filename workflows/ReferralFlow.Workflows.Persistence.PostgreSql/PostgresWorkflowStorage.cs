using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace ReferralFlow.Workflows.Persistence.PostgreSql;

/// <summary>
/// Configures <see cref="WorkflowDbContext"/> for PostgreSQL, the production store, with this assembly's migrations,
/// row-locking claims and one-round-trip command writes.
/// </summary>
public static class PostgresWorkflowStorage
{
    /// <summary>Uses PostgreSQL at <paramref name="connectionString"/>.</summary>
    /// <remarks>Instants are <c>timestamptz</c>; the engine writes them in UTC, as Npgsql requires.</remarks>
    /// <param name="builder">The options builder.</param>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="configure">Further Npgsql options.</param>
    public static DbContextOptionsBuilder UseWorkflowPostgres(
        this DbContextOptionsBuilder builder, string connectionString, Action<NpgsqlDbContextOptionsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseNpgsql(connectionString, npgsql =>
        {
            npgsql.MigrationsAssembly(typeof(PostgresWorkflowStorage).Assembly.GetName().Name);
            configure?.Invoke(npgsql);
        }).UseWorkflowClaimQueries(PostgresClaimQueries.Instance).UseWorkflowCommandWriter(PostgresCommandWriter.Instance);
    }

    /// <summary>Uses a PostgreSQL connection owned by the caller (so several contexts share one transaction).</summary>
    /// <param name="builder">The options builder.</param>
    /// <param name="connection">The connection; the caller disposes it.</param>
    public static DbContextOptionsBuilder UseWorkflowPostgres(this DbContextOptionsBuilder builder, System.Data.Common.DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseNpgsql(connection, npgsql => npgsql.MigrationsAssembly(typeof(PostgresWorkflowStorage).Assembly.GetName().Name))
            .UseWorkflowClaimQueries(PostgresClaimQueries.Instance).UseWorkflowCommandWriter(PostgresCommandWriter.Instance);
    }
}
