using Microsoft.Playwright;
using ReferralFlow.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Pages;

/// <summary>The control tower's collaboration report (민관협력 실적) with the seed presentation's 2016 and 2017 history.</summary>
public sealed class CollaborationReportTests(BrowserHostFixture host) : IClassFixture<BrowserHostFixture>
{
    [Fact]
    public async Task The_control_tower_shows_the_seeded_years_and_the_excel_link_downloads_a_workbook()
    {
        var page = await host.NewPageAsync("gwanak-hub.worker");
        await page.GotoAsync("/control-tower");

        var section = page.GetByTestId("collaboration");
        await Expect(section.GetByRole(AriaRole.Heading, new() { Name = "민관협력 실적" })).ToBeVisibleAsync();
        var y2016 = section.Locator("tr[data-year='2016']");
        var y2017 = section.Locator("tr[data-year='2017']");
        await Expect(y2016).ToContainTextAsync("18");
        await Expect(y2016.Locator("td").Nth(1)).ToHaveTextAsync("105");
        await Expect(y2016.Locator("td").Nth(2)).ToHaveTextAsync("248");
        await Expect(y2016.Locator("td").Nth(3)).ToHaveTextAsync("168");
        await Expect(y2017.Locator("td").Nth(0)).ToContainTextAsync("27");
        await Expect(y2017.Locator("td").Nth(1)).ToHaveTextAsync("168");
        await Expect(y2017.Locator("td").Nth(2)).ToHaveTextAsync("517");
        await Expect(y2017.Locator("td").Nth(3)).ToHaveTextAsync("219");
        await Expect(section.GetByRole(AriaRole.Img, new() { Name = "연도별 민-관 협력 대응 연인원과 시간" })).ToBeVisibleAsync();
        await section.ScrollIntoViewIfNeededAsync();
        Directory.CreateDirectory(BrowserHostFixture.ScreenshotDirectory);
        await section.ScreenshotAsync(new() { Path = Path.Combine(BrowserHostFixture.ScreenshotDirectory, "control-tower-collaboration.png") });

        var download = await page.RunAndWaitForDownloadAsync(() => section.GetByRole(AriaRole.Link, new() { Name = "엑셀 내려받기" }).ClickAsync());
        var path = await download.PathAsync();

        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        Assert.True(bytes.Length > 500);
        Assert.Equal("PK"u8.ToArray(), bytes.Take(2));
    }

    [Fact]
    public async Task The_hub_records_a_joint_response_with_the_form_and_sees_it_counted()
    {
        var page = await host.NewPageAsync("gwanak-hub.designer");
        await page.GotoAsync("/control-tower");
        var form = page.GetByTestId("joint-form");

        await form.GetByLabel("날짜").FillAsync("2026-02-10");
        await form.GetByLabel("구분").SelectOptionAsync(new SelectOptionValue { Label = "교육" });
        await form.GetByLabel("내용").FillAsync("신규 사례관리자 교육");
        await form.GetByLabel("시간").FillAsync("3");
        await form.GetByLabel("연인원(명)").FillAsync("15");
        await form.GetByRole(AriaRole.Button, new() { Name = "기록하기" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("협력 대응을 기록했습니다.");
        await Expect(page.Locator("tr[data-year='2026'] td").Nth(2)).ToHaveTextAsync("3");
        await Expect(page.Locator("tr[data-year='2026'] td").Nth(3)).ToHaveTextAsync("15");
    }
}
