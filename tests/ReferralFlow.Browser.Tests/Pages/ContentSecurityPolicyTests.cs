using Microsoft.Playwright;
using ReferralFlow.Browser.Tests.Infrastructure;
using ReferralFlow.Host.Features.Demo;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Pages;

/// <summary>
/// Under the host's Content-Security-Policy (no inline script) every worker page, the referral diagram and the designer
/// still work: Chromium reports no violation while they load and draw.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserHostFixture host) : IClassFixture<BrowserHostFixture>
{
    // Injected by Playwright itself, so the policy does not apply to it; it records what the policy blocks.
    private const string Recorder = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
        """;

    [Fact]
    public async Task Worker_pages_the_diagram_and_the_designer_run_without_a_policy_violation()
    {
        var (referralId, taskId) = await DemoReferral.OpenAsync(host);
        foreach (var (login, path) in DemoReferral.WorkerPages(referralId, taskId))
        {
            var page = await NewPageAsync(login.Length == 0 ? null : login);
            var response = await page.GotoAsync(path);
            Assert.True(response?.Ok, $"{path}: {response?.Status}");
            Assert.Contains("script-src 'self';", await response!.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
            if (path == $"/referrals/{referralId}")
            {
                await Expect(page.GetByTestId("diagram")).ToHaveAttributeAsync("data-rendered", "true");
            }

            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            Assert.Empty(await ViolationsAsync(page));
            await page.Context.CloseAsync();
        }

        var designer = await NewPageAsync(null);
        await designer.GotoAsync("/designer/");
        await designer.Locator("#rf-login-email").FillAsync(DemoData.Email("gwanak-hub.designer"));
        await designer.Locator("#rf-login-password").FillAsync(DemoData.Password);
        await designer.Locator("#rf-login button[type=submit]").ClickAsync();
        await Expect(designer.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await designer.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(await ViolationsAsync(designer));
    }

    private async Task<IPage> NewPageAsync(string? login)
    {
        var page = await host.NewPageAsync(login);
        await page.AddInitScriptAsync(Recorder);
        return page;
    }

    private static async Task<string[]> ViolationsAsync(IPage page) => await page.EvaluateAsync<string[]>("() => window.__cspViolations");
}
