using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ReferralFlow.Workflows.Persistence.Sqlite;

namespace ReferralFlow.Host.Data.Sqlite;

public static class SqliteHostStorage
{
    /// <summary>
    /// Uses SQLite on a connection shared with the engine's context, with this assembly's migrations; instants are
    /// stored as the engine stores them (integer microseconds), so they order and compare in SQL.
    /// </summary>
    public static DbContextOptionsBuilder UseHostSqlite(this DbContextOptionsBuilder builder, DbConnection connection)
    {
        builder.UseSqlite(connection, sqlite => sqlite
            .MigrationsAssembly(typeof(SqliteHostStorage).Assembly.GetName().Name)
            .MigrationsHistoryTable(ReferralFlowDbContext.MigrationsHistoryTable));
        builder.ReplaceService<IModelCustomizer, SqliteWorkflowModelCustomizer>();
        return builder;
    }
}

internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ReferralFlowDbContext>
{
    public ReferralFlowDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ReferralFlowDbContext>();
        builder.UseSqlite("Data Source=design.db", sqlite => sqlite
            .MigrationsAssembly(typeof(SqliteHostStorage).Assembly.GetName().Name)
            .MigrationsHistoryTable(ReferralFlowDbContext.MigrationsHistoryTable));
        builder.ReplaceService<IModelCustomizer, SqliteWorkflowModelCustomizer>();
        return new ReferralFlowDbContext(builder.Options);
    }
}
