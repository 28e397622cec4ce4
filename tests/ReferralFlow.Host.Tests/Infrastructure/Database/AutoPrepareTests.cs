using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Tests.Infrastructure.Database;

public sealed class AutoPrepareTests(HostFixture host) : IClassFixture<HostFixture>
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
}
