using System.Text.RegularExpressions;
using Microsoft.Playwright;
using ReferralFlow.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Pages;

/// <summary>
/// A transfer between districts (전출) on the pages: the 관악구 case owner asks 동작구 to take a referral over, and
/// 동작구's hub, on a phone, accepts it and names the new case owner; the referral then belongs to 동작구.
/// </summary>
public sealed class TransferPageTests(BrowserHostFixture host) : IClassFixture<BrowserHostFixture>
{
    [Fact]
    public async Task The_owner_requests_a_transfer_and_the_other_districts_hub_accepts_it_on_a_phone()
    {
        var owner = await host.NewPageAsync("nangok-dong.worker");
        var referralId = await DemoReferral.CreateAsync(host, owner.Context.APIRequest, "박영수");
        await owner.GotoAsync($"/referrals/{referralId}");
        await owner.GetByTestId("transfer-link").ClickAsync();
        await owner.SelectOptionAsync("#toDistrict", "동작구");
        await owner.SelectOptionAsync("#reasonCode", "moved");
        await owner.FillAsync("#note", "상도1동으로 이사, 전입신고 확인");
        await owner.GetByTestId("request-transfer").Locator("button[type=submit]").ClickAsync();
        await Expect(owner).ToHaveURLAsync(new Regex("/transfers$"));
        await Expect(owner.GetByTestId("transfers").Locator("tr[data-status=pending]")).ToHaveCountAsync(1);

        var hub = await host.NewPageAsync("dongjak-hub.worker", viewport: AccessibilityTests.Phone);
        await hub.GotoAsync("/transfers");
        var card = hub.GetByTestId("pending-transfer");
        await Expect(card).ToHaveCountAsync(1);
        var problems = await AccessibilityTests.ViolationsAsync(hub, "phone");
        await BrowserHostFixture.ScreenshotAsync(hub, "phone-transfers");
        var overflow = await hub.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        await card.Locator("select[name=ownerAgencyId]").SelectOptionAsync("sangdo1-dong");
        await card.GetByRole(AriaRole.Button, new() { Name = "수락" }).ClickAsync();

        await Expect(hub.Locator(".flash")).ToBeVisibleAsync();
        await Expect(hub.GetByTestId("transfers").Locator("tr[data-status=accepted]")).ToHaveCountAsync(1);
        var referral = await hub.GotoAsync($"/referrals/{referralId}");
        Assert.True(referral!.Ok);
        await Expect(hub.Locator("main")).ToContainTextAsync("박영수");
        await Expect(hub.Locator("main")).ToContainTextAsync("동작구");
        Assert.True(problems.Count == 0, "Accessibility problems:\n" + string.Join("\n", problems));
        Assert.True(overflow <= 0, $"/transfers is {overflow}px wider than a phone");
    }
}
