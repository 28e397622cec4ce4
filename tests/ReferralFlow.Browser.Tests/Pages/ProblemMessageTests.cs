using ReferralFlow.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Pages;

/// <summary>The API's refusals, shown on a page, speak the worker's language — never English on a Korean page or the reverse.</summary>
public sealed class ProblemMessageTests(BrowserHostFixture host) : IClassFixture<BrowserHostFixture>
{
    [Theory]
    [InlineData("ko", "주민등록번호는 입력하지 마세요", "미래의 날짜·시각은 입력할 수 없습니다")]
    [InlineData("en", "Do not enter a resident registration number", "The date may not be in the future")]
    public async Task The_new_referral_page_lists_the_apis_field_errors_in_the_workers_language(string language, string residentNumber, string future)
    {
        var page = await host.NewPageAsync("nangok-dong.worker", language);
        await page.GotoAsync("/referrals/new?workflowKey=hoarding-household&dong=난곡동");
        var form = page.GetByTestId("new-referral");

        await form.Locator("#name").FillAsync("김순자");
        await form.Locator("#address").FillAsync("난곡로 1 (480502-2345678)");
        await form.Locator("#consentedBy").FillAsync("김순자");
        await form.Locator("#consentedAt").FillAsync("2030-03-01T10:00");
        await form.Locator("button.primary").ClickAsync();

        var errors = page.GetByTestId("errors");
        await Expect(errors).ToContainTextAsync(residentNumber);
        await Expect(errors).ToContainTextAsync(future);
        var text = await errors.InnerTextAsync();
        Assert.Equal(language == "ko", text.Any(c => c is >= '\uAC00' and <= '\uD7A3'));
        await BrowserHostFixture.ScreenshotAsync(page, $"new-referral-errors-{language}");
    }
}
