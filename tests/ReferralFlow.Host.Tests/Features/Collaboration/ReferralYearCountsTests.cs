using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Infrastructure;
using static ReferralFlow.Host.Tests.Features.Transfers.TransferScenario;

namespace ReferralFlow.Host.Tests.Features.Collaboration;

/// <summary>The collaboration report's referrals per year come from counters the database keeps with every referral change.</summary>
public sealed class ReferralYearCountsTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private int Year => host.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).Year;

    [Fact]
    public async Task The_report_counts_a_referral_once_after_it_is_opened_closed_and_transferred()
    {
        var gwanakHub = await host.SignInAsync("gwanak-hub.worker");
        var dongjakHub = await host.SignInAsync("dongjak-hub.worker");
        var (gwanakBefore, dongjakBefore) = (await RecordedAsync(gwanakHub), await RecordedAsync(dongjakHub));

        var owner = await host.SignInAsync("nangok-dong.worker");
        var closedId = (await ReferralScenario.OpenAsync(owner)).GetProperty("id").GetGuid();
        var opened = await RecordedAsync(gwanakHub);
        var steps = (await owner.GetFromJsonAsync<JsonElement>($"/api/referrals/{closedId}", Ct)).GetProperty("steps").EnumerateArray();
        var reasons = steps.Where(s => s.GetProperty("status").GetString() == "open").ToDictionary(s => s.GetProperty("taskId").GetInt32().ToString(CultureInfo.InvariantCulture), _ => "중단");
        var close = await owner.PostAsJsonAsync($"/api/referrals/{closedId}/close", new { outcomeCode = "resolved", outcome = "종결", reasons, version = 1 }, Ct);
        var closed = await RecordedAsync(gwanakHub);
        var (_, movedId, _) = await OpenAtSplitsAsync(host);
        var accept = await AcceptAsync(dongjakHub, await RequestedAsync(owner, movedId));

        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        Assert.Equal((gwanakBefore + 1, gwanakBefore + 1), (opened, closed));
        Assert.Equal((gwanakBefore + 1, dongjakBefore + 1), (await RecordedAsync(gwanakHub), await RecordedAsync(dongjakHub)));
        Assert.Equal((await CountedAsync(Gwanak), await CountedAsync(Dongjak)), (gwanakBefore + 1, dongjakBefore + 1));
    }

    private async Task<int> RecordedAsync(HttpClient hub)
    {
        var report = await hub.GetFromJsonAsync<JsonElement>($"/api/reports/collaboration?from={Year}&to={Year}", Ct);
        return report.GetProperty("years")[0].GetProperty("referralsRecorded").GetInt32();
    }

    /// <summary>The truth: the district's referrals of the year, counted row by row.</summary>
    private async Task<int> CountedAsync(string district)
    {
        using var scope = host.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        var (start, end) = (new DateTimeOffset(Year, 1, 1, 0, 0, 0, TimeSpan.FromHours(9)), new DateTimeOffset(Year + 1, 1, 1, 0, 0, 0, TimeSpan.FromHours(9)));
        return await db.Referrals.CountAsync(r => r.District == district && r.OpenedAt >= start && r.OpenedAt < end, Ct);
    }
}
