using ReferralFlow.Host.Tests.Infrastructure;
using static ReferralFlow.Host.Tests.Features.Tasks.TaskTestData;

namespace ReferralFlow.Host.Tests.Features.Tasks;

/// <summary>
/// The public case owner's view (<c>owned=true</c>): every step of the referrals the caller's agency owns, whichever agency
/// holds it, and nothing of other owners' referrals — public responsibility does not end at the referral.
/// </summary>
public sealed class CaseOwnerViewTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Owned_lists_the_steps_other_agencies_hold_on_the_owners_referrals_only()
    {
        var mine = await OpenReferralAsync(host, visit: "sillim-welfare", referrer: "nangok-dong");
        var othersOwn = await OpenReferralAsync(host, visit: "sillim-welfare", referrer: "nanhyang-dong", dong: "난향동");
        var owner = await host.SignInOnceAsync("nangok-dong.worker");

        var owned = await ListAsync(owner, "?owned=true");
        var actionable = await ListAsync(owner);

        Assert.Contains(mine.VisitTaskId, owned.Select(Id));
        Assert.DoesNotContain(othersOwn.VisitTaskId, owned.Select(Id));
        Assert.Equal("sillim-welfare", owned.Single(t => Id(t) == mine.VisitTaskId).GetProperty("agency").GetProperty("id").GetString());
        Assert.DoesNotContain(mine.VisitTaskId, actionable.Select(Id));
    }

    [Fact]
    public async Task Owned_agency_report_counts_the_holding_agencies_over_the_owners_referrals()
    {
        await OpenReferralAsync(host, visit: "sillim-welfare", referrer: "miseong-dong", dong: "미성동");
        await OpenReferralAsync(host, visit: "sillim-welfare", referrer: "miseong-dong", dong: "미성동");
        await OpenReferralAsync(host, visit: "sillim-welfare", referrer: "sinsa-dong", dong: "신사동");
        var owner = await host.SignInOnceAsync("miseong-dong.worker");

        var owned = await owner.GetAllItemsAsync("/api/reports/agencies?owned=true");
        var own = await owner.GetAllItemsAsync("/api/reports/agencies");

        var welfare = Assert.Single(owned!);
        Assert.Equal("sillim-welfare", welfare.GetProperty("agencyId").GetString());
        Assert.Equal(2, welfare.GetProperty("open").GetInt32());
        Assert.Equal("miseong-dong", Assert.Single(own!).GetProperty("agencyId").GetString());
    }
}
