using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Retention;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Tests.Features.Retention;

public sealed class RetentionTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Personal_data_of_a_closed_referral_is_destroyed_when_its_retention_ends_and_the_rest_stays()
    {
        var worker = await host.SignInAsync("nangok-dong.worker");
        var referral = await ReferralScenario.OpenAsync(worker);
        var id = referral.GetProperty("id").GetGuid();
        (await worker.PostAsJsonAsync($"/api/referrals/{id}/notes", new { text = "김순자 님 댁 방문, 010-1234-5678" }, Ct)).EnsureSuccessStatusCode();
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
            var row = await db.Referrals.SingleAsync(r => r.Id == id, Ct);
            row.ClosedAt = host.Clock.GetUtcNow();
            await db.SaveChangesAsync(Ct);
        }

        host.Clock.Advance(TimeSpan.FromDays(365 * 5 + 2));
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(Ct));
        }

        await using var check = host.Factory.Services.CreateAsyncScope();
        var hostDb = check.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        var anonymised = await hostDb.Referrals.AsNoTracking().Include(r => r.Consents).SingleAsync(r => r.Id == id, Ct);
        Assert.Equal((RetentionSweep.Anonymised, (string?)null, (string?)null, (DateOnly?)null),
            (anonymised.Household.Name, anonymised.Household.Address, anonymised.Household.Phone, anonymised.Household.BirthDate));
        Assert.All(anonymised.Consents, c => Assert.Equal(RetentionSweep.Anonymised, c.ConsentedBy));
        Assert.All(await hostDb.ReferralNotes.Where(n => n.ReferralId == id).ToListAsync(Ct), n => Assert.Equal(RetentionSweep.Anonymised, n.Text));
        Assert.Equal(anonymised.Number, referral.GetProperty("number").GetString());
        var workflow = check.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        Assert.NotEmpty(await workflow.Tasks.Where(t => t.InstanceId == anonymised.InstanceId).ToListAsync(Ct));
        Assert.All(await workflow.Timeline.Where(e => e.InstanceId == anonymised.InstanceId).ToListAsync(Ct), e => Assert.Null(e.DataJson));
        Assert.Contains(await hostDb.AuditLog.Where(a => a.ReferralId == id).Select(a => a.Action).ToListAsync(Ct), a => a == "referral.anonymised");
    }
}
