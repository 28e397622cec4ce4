using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Administration.Settings;

/// <summary>The district's retention period, on a host of its own (it changes 동작구's settings, which other tests read as new).</summary>
public sealed class RetentionSettingsTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_changed_retention_period_applies_to_referrals_opened_afterwards()
    {
        var admin = await host.SignInAsync("dongjak-hub.districtadmin");
        var body = DistrictSettingsBody();
        body["retentionYears"] = 3;
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/admin/settings") { Content = JsonContent.Create(body) };
        Assert.Equal(HttpStatusCode.OK, (await admin.SendAsync(put, Ct)).StatusCode);

        var worker = await host.SignInAsync("noryangjin1-dong.worker");
        var referral = ReferralScenario.Body();
        referral["dong"] = "노량진1동";
        referral["consent"]!["agencyIds"] = new JsonArray();
        var opened = await ReferralScenario.OpenAsync(worker, referral);

        Assert.Equal(host.Clock.GetUtcNow().AddYears(3), opened.GetProperty("retainUntil").GetDateTimeOffset());
    }

    private static JsonObject DistrictSettingsBody() => new()
    {
        ["version"] = 0,
        ["holidays"] = new JsonObject { ["2026"] = new JsonArray("2026-03-02") },
        ["policies"] = new JsonObject(),
        ["defaultPolicy"] = "standard",
        ["retentionYears"] = 5,
        ["requireTwoFactorForCaseReaders"] = false,
    };
}
