using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Tests.Infrastructure.Database;

public sealed class ContextConnectionTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_statement_run_twice_on_a_connection_is_kept_prepared_on_postgres()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        await db.Database.OpenConnectionAsync(Ct);

        for (var i = 0; i < 3; i++)
        {
            await db.Referrals.AsNoTracking().CountAsync(r => r.Dong == "난곡동", Ct);
        }

        var prepared = await db.Database.SqlQuery<string>($"SELECT statement AS \"Value\" FROM pg_prepared_statements").ToListAsync(Ct);
        Assert.Contains(prepared, s => s.Contains("referrals", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_contexts_connection_goes_back_to_the_pool_without_a_reset()
    {
        var settings = new NpgsqlConnectionStringBuilder(host.Factory.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);
        Assert.Equal(64, settings.MaxAutoPrepare);
        // The same settings on a pool of one, so the second open gets the connection the first returned.
        settings.MaxPoolSize = 1;
        await using var pool = NpgsqlDataSource.Create(settings.ConnectionString);
        await using (var first = await pool.OpenConnectionAsync(Ct))
        {
            await using var set = new NpgsqlCommand("SET rf.probe = 'kept'", first);
            await set.ExecuteNonQueryAsync(Ct);
        }

        await using var second = await pool.OpenConnectionAsync(Ct);
        await using var show = new NpgsqlCommand("SELECT current_setting('rf.probe', true)", second);

        Assert.Equal("kept", await show.ExecuteScalarAsync(Ct));
    }
}
