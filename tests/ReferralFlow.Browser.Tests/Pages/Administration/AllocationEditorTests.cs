using Microsoft.Playwright;
using ReferralFlow.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Pages.Administration;

/// <summary>The district administrator edits the role allocation table: a table with a gap is refused, a complete one saved and listed in the history.</summary>
public sealed class AllocationEditorTests(BrowserHostFixture host) : IClassFixture<BrowserHostFixture>
{
    [Fact]
    public async Task A_table_leaving_the_hub_role_unallocated_is_refused_and_a_complete_change_is_saved_with_its_history()
    {
        var page = await host.NewPageAsync("gwanak-hub.districtadmin", "ko");
        await page.GotoAsync("/admin/allocations");
        await Expect(page.GetByTestId("coverage")).ToContainTextAsync("모든 역할이 모든 동에 배정되어 있습니다.");

        await RowOf(page, "hub").Locator("select[name=rowAgency]").SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "배정표 저장" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("저장하지 않았습니다");
        await Expect(page.GetByTestId("coverage")).ToContainTextAsync("hub 역할 — 난곡동에 기관 없음");

        await page.GotoAsync("/admin/allocations");
        await RowOf(page, "meals").Locator("select[name=rowAgency]").SelectOptionAsync("sillim-welfare");
        await page.GetByRole(AriaRole.Button, new() { Name = "배정표 저장" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("배정표를 저장했습니다.");
        await Expect(page.GetByRole(AriaRole.Table).Last).ToContainTextAsync("장관리 주무관");

        await page.GetByLabel("업무 흐름").SelectOptionAsync("hoarding-household");
        await page.GetByLabel("동", new() { Exact = true }).SelectOptionAsync("난향동");
        await page.GetByRole(AriaRole.Button, new() { Name = "보기" }).ClickAsync();
        await Expect(page.GetByTestId("preview")).ToContainTextAsync("난향동에서");
        await Expect(page.GetByTestId("preview")).ToContainTextAsync("관악구 희망복지지원단");
    }

    // The district-wide row of a role (its dong select shows 구 전체).
    private static ILocator RowOf(IPage page, string role) =>
        page.GetByTestId("allocation-row").Filter(new() { Has = page.Locator($"input[name=rowRole][value=\"{role}\"]") })
            .Filter(new() { Has = page.Locator("select[name=rowDong] option[value=\"\"]:checked") }).First;
}
