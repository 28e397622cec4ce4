using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using ReferralFlow.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Pages;

/// <summary>
/// Workers use the pages on a phone in the field and with a keyboard and screen reader: every page passes axe-core's
/// WCAG 2.1 A/AA rules (labels, names, contrast, landmarks, language) on a desktop and a phone screen, fits a phone's
/// width, and the task page can be worked through with the keyboard alone.
/// </summary>
public sealed class AccessibilityTests(BrowserHostFixture host) : IClassFixture<BrowserHostFixture>
{
    internal static readonly ViewportSize Phone = new() { Width = 360, Height = 740 };

    [Theory]
    [InlineData("desktop")]
    [InlineData("phone")]
    public async Task Every_page_passes_the_WCAG_2_1_AA_checks_and_fits_the_screen(string screen)
    {
        var (referralId, taskId) = await DemoReferral.OpenAsync(host);
        var problems = new List<string>();
        foreach (var (login, path) in DemoReferral.WorkerPages(referralId, taskId))
        {
            var page = await host.NewPageAsync(login.Length == 0 ? null : login, viewport: screen == "phone" ? Phone : null);
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path}: {response.Status}");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            var result = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            });
            problems.AddRange(result.Violations.SelectMany(v => v.Nodes.Select(n =>
                $"{path} [{screen}] {v.Id} ({v.Impact}): {v.Help} at {n.Target} — {n.Html}")));

            if (screen == "phone")
            {
                await BrowserHostFixture.ScreenshotAsync(page, $"phone-{Slug(path)}");
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
                if (overflow > 0)
                {
                    problems.Add($"{path} [phone] is {overflow}px wider than the screen");
                    await BrowserHostFixture.ScreenshotAsync(page, $"too-wide-{Slug(path)}");
                }
            }

            await page.Context.CloseAsync();
        }

        Assert.True(problems.Count == 0, "Accessibility problems:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task The_second_sign_in_step_passes_the_WCAG_2_1_AA_checks_on_a_desktop_and_a_phone()
    {
        const string Admin = "gwanak-hub.districtadmin";
        // Administrators always use two-factor sign-in: the first sign-in enrols their authenticator.
        await (await host.NewPageAsync(Admin)).Context.CloseAsync();
        var problems = new List<string>();
        foreach (var viewport in new[] { null, Phone })
        {
            var page = await host.NewPageAsync(viewport: viewport);
            await page.GotoAsync("/login");
            await page.FillAsync("#email", ReferralFlow.Host.Features.Demo.DemoData.Email(Admin));
            await page.FillAsync("#password", ReferralFlow.Host.Features.Demo.DemoData.Password);
            await page.PressAsync("#password", "Enter");
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/login/two-factor"));
            await Expect(page.Locator("#code")).ToBeVisibleAsync();
            problems.AddRange(await ViolationsAsync(page, viewport is null ? "desktop" : "phone"));
            await page.Context.CloseAsync();
        }

        Assert.True(problems.Count == 0, "Accessibility problems:\n" + string.Join("\n", problems));
    }

    /// <summary>axe-core's WCAG 2.1 A/AA violations on the page, one line per element.</summary>
    internal static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string screen)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        return [.. result.Violations.SelectMany(v => v.Nodes.Select(n => $"{page.Url} [{screen}] {v.Id} ({v.Impact}): {v.Help} at {n.Target} — {n.Html}"))];
    }

    /// <summary>"/referrals/{id}" → "referrals-detail", "/tasks/{id}" → "tasks-detail", "/inbox" → "inbox".</summary>
    private static string Slug(string path)
    {
        var parts = path.Split('?')[0].Trim('/').Split('/');
        return parts.Length > 1 && Guid.TryParse(parts[1], out _) ? $"{parts[0]}-detail" : string.Join('-', parts);
    }

    [Fact]
    public async Task The_task_page_is_worked_through_with_the_keyboard_alone()
    {
        var (_, taskId) = await DemoReferral.OpenAsync(host);
        var page = await host.NewPageAsync("nangok-dong.worker");
        await page.GotoAsync($"/tasks/{taskId}");

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator(":focus")).ToHaveAttributeAsync("href", "#main");
        await Expect(page.Locator(":focus")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();

        // From the main content, Tab reaches the outcome form's fields in their order and then its complete button.
        var fields = await page.GetByTestId("outcome-form").Locator("input:not([type=hidden]), select, textarea").AllAsync();
        Assert.NotEmpty(fields);
        var reached = new List<string>();
        for (var i = 0; i < 60 && reached.Count < fields.Count + 1; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string?>("""
                () => {
                  const e = document.activeElement;
                  if (!e || !e.closest('[data-testid=outcome-form]')) return null;
                  const style = getComputedStyle(e);
                  const visible = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 || style.boxShadow !== 'none';
                  return (e.id || e.tagName.toLowerCase()) + (visible ? '' : ' (no focus indicator)');
                }
                """);
            // A date input takes one Tab per segment (year, month, day) while staying the focused element.
            if (focused is not null && (reached.Count == 0 || reached[^1] != focused))
            {
                reached.Add(focused);
            }
        }

        var expected = new List<string>();
        foreach (var field in fields)
        {
            expected.Add((await field.GetAttributeAsync("id"))!);
        }

        expected.Add("button");
        Assert.True(expected.SequenceEqual(reached), $"expected {string.Join(", ", expected)}; reached {string.Join(", ", reached)}");
    }
}
