using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ReferralFlow.Host.Data.PostgreSql;

public static class PostgresHostStorage
{
    /// <summary>Uses PostgreSQL on a connection shared with the engine's context, with this assembly's migrations.</summary>
    public static DbContextOptionsBuilder UseHostPostgres(this DbContextOptionsBuilder builder, DbConnection connection) =>
        builder.UseNpgsql(connection, npgsql => npgsql
            .MigrationsAssembly(typeof(PostgresHostStorage).Assembly.GetName().Name)
            .MigrationsHistoryTable(ReferralFlowDbContext.MigrationsHistoryTable));
}

internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ReferralFlowDbContext>
{
    public ReferralFlowDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<ReferralFlowDbContext>();
        builder.UseNpgsql(args.Length > 0 ? args[0] : "Host=localhost;Database=referralflow_design", npgsql => npgsql
            .MigrationsAssembly(typeof(PostgresHostStorage).Assembly.GetName().Name)
            .MigrationsHistoryTable(ReferralFlowDbContext.MigrationsHistoryTable));
        return new ReferralFlowDbContext(builder.Options);
    }
}
