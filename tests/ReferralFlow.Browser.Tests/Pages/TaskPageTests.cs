using ReferralFlow.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Pages;

/// <summary>The task page as a worker who has just arrived (after a personnel rotation) reads it.</summary>
public sealed class TaskPageTests(BrowserHostFixture host) : IClassFixture<BrowserHostFixture>
{
    [Fact]
    public async Task Earlier_outcomes_read_with_the_forms_labels_not_field_ids()
    {
        var (_, taskId) = await DemoReferral.OpenAsync(host);
        var page = await host.NewPageAsync("nangok-dong.worker2", "ko");

        await page.GotoAsync($"/tasks/{taskId}");

        var outcome = page.GetByTestId("outcome").First;
        await Expect(outcome).ToContainTextAsync("신고 경로");
        await Expect(outcome).ToContainTextAsync("이웃 신고");
        await Expect(outcome).ToContainTextAsync("급박한 안전 위험");
        await Expect(outcome).ToContainTextAsync("아니요");
        await Expect(outcome).Not.ToContainTextAsync("reportSource");
        await Expect(outcome).Not.ToContainTextAsync("neighbor");
        await BrowserHostFixture.ScreenshotAsync(page, "task-earlier-outcomes");
    }
}
