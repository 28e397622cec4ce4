using Microsoft.Playwright;
using ReferralFlow.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Pages;

/// <summary>A busy agency queue: counted in full and paged by cursor, never cut off silently; claiming keeps the worker's page.</summary>
public sealed class InboxTests(BrowserHostFixture host) : IClassFixture<BrowserHostFixture>
{
    [Fact]
    public async Task A_queue_longer_than_a_page_shows_its_total_and_pages_through_every_task()
    {
        var opener = await host.NewPageAsync("jowon-dong.worker");
        for (var i = 0; i < 52; i++)
        {
            await DemoReferral.CreateAsync(host, opener.Context.APIRequest, $"가구 {i}", "조원동");
        }

        var page = await host.NewPageAsync("jowon-dong.worker", "ko");
        await page.GotoAsync("/inbox");
        var queue = page.GetByTestId("queue");
        await Expect(page.Locator("#queue-h")).ToHaveTextAsync("우리 기관 대기 업무 (52)");
        await Expect(queue.GetByTestId("task-row")).ToHaveCountAsync(50);
        await Expect(page.GetByTestId("queue-pager")).ToContainTextAsync("전체 52건");
        await Expect(page.GetByTestId("queue-pager").GetByRole(AriaRole.Link, new() { Name = "처음" })).ToHaveCountAsync(0);

        await page.GetByTestId("queue-pager").GetByRole(AriaRole.Link, new() { Name = "다음" }).ClickAsync();
        await Expect(queue.GetByTestId("task-row")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("queue-pager")).ToContainTextAsync("전체 52건");
        await Expect(page.GetByTestId("queue-pager").GetByRole(AriaRole.Link, new() { Name = "다음" })).ToHaveCountAsync(0);

        await queue.GetByRole(AriaRole.Button, new() { NameRegex = new("^맡기") }).First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("qa="));
        await Expect(page.Locator("#mine-h")).ToHaveTextAsync("내가 맡은 업무 (1)");
        await Expect(queue.GetByTestId("task-row")).ToHaveCountAsync(1);

        await page.GetByTestId("queue-pager").GetByRole(AriaRole.Link, new() { Name = "처음" }).ClickAsync();
        await Expect(queue.GetByTestId("task-row")).ToHaveCountAsync(50);
        await Expect(page.Locator("#queue-h")).ToHaveTextAsync("우리 기관 대기 업무 (51)");
    }
}
