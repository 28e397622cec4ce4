using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;
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

    [Fact]
    public async Task Owner_opens_a_step_another_agency_holds_read_only_and_other_dongs_get_404()
    {
        var mine = await OpenReferralAsync(host, visit: "sillim-welfare", referrer: "jowon-dong", dong: "조원동");
        var owner = await host.SignInOnceAsync("jowon-dong.worker");
        var otherDong = await host.SignInOnceAsync("nanhyang-dong.worker");

        var read = await owner.GetAsync($"/api/tasks/{mine.VisitTaskId}", Ct);
        var complete = await owner.PostAsJsonAsync($"/api/tasks/{mine.VisitTaskId}/complete", new { outcome = VisitOutcome }, Ct);
        var stranger = await otherDong.GetAsync($"/api/tasks/{mine.VisitTaskId}", Ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var body = await read.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("sillim-welfare", body.GetProperty("task").GetProperty("agency").GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NotFound, complete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(WorkTaskStatus.Open, (await TaskRowAsync(host, mine.VisitTaskId)).Status);
    }

    [Fact]
    public async Task Timeline_step_events_name_the_agency_of_the_person_who_acted()
    {
        var referral = await OpenReferralAsync(host, visit: "sillim-welfare", referrer: "sinsa-dong", dong: "신사동");
        var worker = await host.SignInOnceAsync("sillim-welfare.worker");
        var owner = await host.SignInOnceAsync("sinsa-dong.worker");
        var claim = await worker.PostAsync($"/api/tasks/{referral.VisitTaskId}/claim", null, Ct);
        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);

        var timeline = await owner.GetAllItemsAsync($"/api/referrals/{referral.ReferralId}/timeline");

        var claimed = Assert.Single(timeline, e => e.GetProperty("type").GetString() == "task-claimed");
        Assert.Equal("sillim-welfare", claimed.GetProperty("agencyId").GetString());
        Assert.False(string.IsNullOrEmpty(claimed.GetProperty("agencyName").GetString()));
        Assert.False(string.IsNullOrEmpty(claimed.GetProperty("actor").GetProperty("name").GetString()));
    }
}
