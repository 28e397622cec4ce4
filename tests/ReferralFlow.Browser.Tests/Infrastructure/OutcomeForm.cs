using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Infrastructure;

/// <summary>Completes a step the way a worker does: from the inbox, through the task page's outcome form.</summary>
public static partial class OutcomeForm
{
    /// <summary>
    /// Opens <paramref name="step"/> from the inbox (queue or mine), fills the outcome form by field id (a <c>null</c> value
    /// picks a select's first option) and completes it.
    /// </summary>
    public static async Task CompleteAsync(IPage page, string step, Dictionary<string, string?> values)
    {
        await page.GotoAsync("/inbox");
        await page.Locator($"[data-step={step}] a").First.ClickAsync();
        var form = page.GetByTestId("outcome-form");
        foreach (var (field, value) in values)
        {
            var input = form.Locator($"#f-{field}");
            var tag = await input.EvaluateAsync<string>("e => e.tagName");
            if (tag == "SELECT")
            {
                if (value is null)
                {
                    await input.SelectOptionAsync(new SelectOptionValue { Index = 1 });
                }
                else
                {
                    await input.SelectOptionAsync(value);
                }
            }
            else
            {
                await input.FillAsync(value ?? "");
            }
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "완료", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(InboxUrl());
    }

    [GeneratedRegex("/inbox$")]
    private static partial Regex InboxUrl();
}
