using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;
using ReferralFlow.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Pages;

/// <summary>Who may open which page, anti-forgery on every form, notes shown as text, and no untranslated strings.</summary>
public sealed partial class AccessTests(BrowserHostFixture host) : IClassFixture<BrowserHostFixture>
{
    [Fact]
    public async Task An_anonymous_visitor_of_the_inbox_is_sent_to_the_sign_in_page()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/inbox");
        await Expect(page).ToHaveURLAsync(LoginUrl());
        await Expect(page.GetByLabel("이메일")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_worker_signs_in_on_the_sign_in_page_and_sees_name_agency_and_role_in_the_header()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("이메일").FillAsync("sillim-welfare.supervisor@demo.referralflow.kr");
        await page.GetByLabel("비밀번호").FillAsync(ReferralFlow.Host.Features.Demo.DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(InboxUrl());
        await Expect(page.GetByTestId("who")).ToContainTextAsync("임재현 팀장");
        await Expect(page.GetByTestId("who")).ToContainTextAsync("신림종합사회복지관");
        await Expect(page.GetByTestId("who")).ToContainTextAsync("팀장");
    }

    [Fact]
    public async Task A_worker_of_an_uninvolved_agency_cannot_open_the_referral_or_its_task_by_url()
    {
        var (referralId, taskId) = await OpenReferralAsync();
        var outsider = await host.NewPageAsync("jowon-dong.worker");

        var referral = await outsider.GotoAsync($"/referrals/{referralId}");
        var task = await outsider.GotoAsync($"/tasks/{taskId}");

        Assert.Equal(404, referral!.Status);
        Assert.Equal(404, task!.Status);
    }

    [Fact]
    public async Task Every_form_carries_an_anti_forgery_token_and_a_post_without_one_is_refused()
    {
        var (referralId, taskId) = await OpenReferralAsync();
        var page = await host.NewPageAsync("nangok-dong.worker");
        foreach (var path in new[] { "/inbox", $"/tasks/{taskId}", $"/referrals/{referralId}", "/referrals/new?workflowKey=hoarding-household" })
        {
            await page.GotoAsync(path);
            var forms = page.Locator("form[method=post]");
            Assert.True(await forms.CountAsync() > 0, path);
            foreach (var form in await forms.AllAsync())
            {
                await Expect(form.Locator("input[name=__RequestVerificationToken]")).ToHaveCountAsync(1);
            }
        }

        var forged = await page.Context.APIRequest.PostAsync($"/tasks/{taskId}?handler=Note", new() { Form = page.Context.APIRequest.CreateFormData().Set("text", "위조") });
        Assert.Equal(400, forged.Status);
    }

    [Fact]
    public async Task A_note_containing_a_script_tag_is_shown_as_text()
    {
        var (_, taskId) = await OpenReferralAsync();
        var page = await host.NewPageAsync("nangok-dong.worker");
        var dialogs = 0;
        page.Dialog += (_, dialog) => { dialogs++; _ = dialog.DismissAsync(); };
        await page.GotoAsync($"/tasks/{taskId}");
        await page.GetByLabel("새 메모").FillAsync("<script>alert('x')</script> 이웃 신고");
        await page.GetByRole(AriaRole.Button, new() { Name = "메모 추가" }).ClickAsync();

        await Expect(page.GetByTestId("notes")).ToContainTextAsync("<script>alert('x')</script> 이웃 신고");
        Assert.Equal(0, await page.GetByTestId("notes").Locator("script").CountAsync());
        Assert.Equal(0, dialogs);
    }

    [Fact]
    public async Task The_inbox_switches_to_english_and_back()
    {
        var page = await host.NewPageAsync("nangok-dong.worker");
        await page.GotoAsync("/inbox");
        await page.GetByLabel("언어").SelectOptionAsync("en");
        await page.GetByRole(AriaRole.Button, new() { Name = "변경" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Inbox");
        await BrowserHostFixture.ScreenshotAsync(page, "inbox-en");
        await page.GetByLabel("Language").SelectOptionAsync("ko");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("내 업무");
    }

    [Fact]
    public async Task A_public_case_owner_has_a_tower_of_their_own_referrals_and_a_private_agency_has_none()
    {
        var (referralId, _) = await DemoReferral.OpenAsync(host);

        var owner = await host.NewPageAsync("nangok-dong.worker2", language: "ko");
        await owner.GotoAsync("/inbox");
        await owner.GetByRole(AriaRole.Link, new() { Name = "관제 현황" }).ClickAsync();
        await Expect(owner.Locator("h1")).ToHaveTextAsync("담당 사례 관제");
        await Expect(owner.GetByTestId("owned-intro")).ToBeVisibleAsync();
        await Expect(owner.GetByTestId("owned-agencies")).ToContainTextAsync("진행 중 단계를 맡은 기관만");
        await Expect(owner.GetByTestId("tower-steps").Locator($"a[href='/referrals/{referralId}']").First).ToBeVisibleAsync();
        Assert.Equal(0, await owner.GetByTestId("joint-form").CountAsync());

        var privateAgency = await host.NewPageAsync("sillim-welfare.worker");
        await privateAgency.GotoAsync("/inbox");
        Assert.Equal(0, await privateAgency.GetByRole(AriaRole.Link, new() { Name = "관제 현황" }).CountAsync());
        var refused = await privateAgency.GotoAsync("/control-tower");
        Assert.Equal(403, refused!.Status);
    }

    [Fact]
    public async Task A_worker_finds_their_agencys_referral_by_number_and_an_uninvolved_agency_does_not_list_it()
    {
        var (referralId, _) = await DemoReferral.OpenAsync(host);
        var owner = await host.NewPageAsync("nangok-dong.supervisor", language: "ko");
        var number = JsonDocument.Parse(await (await owner.Context.APIRequest.GetAsync($"/api/referrals/{referralId}")).TextAsync())
            .RootElement.GetProperty("number").GetString()!;

        await owner.GotoAsync("/inbox");
        await owner.GetByRole(AriaRole.Link, new() { Name = "의뢰 목록" }).ClickAsync();
        await owner.GetByLabel("의뢰번호").FillAsync(number[^4..]);
        await owner.GetByRole(AriaRole.Button, new() { Name = "적용" }).ClickAsync();
        var row = owner.GetByTestId("referral-row").Filter(new() { HasText = number });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync(DemoReferral.HouseholdName);
        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Expect(owner).ToHaveURLAsync($"{host.BaseUrl}/referrals/{referralId}");

        var outsider = await host.NewPageAsync("jowon-dong.worker", language: "ko");
        await outsider.GotoAsync($"/referrals?state=all&number={number}");
        await Expect(outsider.GetByTestId("referral-row")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_language_a_worker_chooses_follows_them_to_another_device()
    {
        var office = await host.NewPageAsync("nangok-dong.worker2");
        await office.GotoAsync("/inbox");
        await office.GetByLabel("언어").SelectOptionAsync("en");
        await office.GetByRole(AriaRole.Button, new() { Name = "변경" }).ClickAsync();
        await Expect(office.Locator("h1")).ToHaveTextAsync("Inbox");

        var phone = await host.NewPageAsync("nangok-dong.worker2", viewport: new ViewportSize { Width = 390, Height = 844 });
        await phone.GotoAsync("/inbox");
        await Expect(phone.Locator("h1")).ToHaveTextAsync("Inbox");
        await Expect(phone.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    [Fact]
    public void Every_string_the_pages_use_is_translated_in_korean_and_english()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../host/ReferralFlow.Host"));
        var korean = Keys(Path.Combine(root, "Resources/UiText.resx"));
        var english = Keys(Path.Combine(root, "Resources/UiText.en.resx"));
        var used = Directory.EnumerateFiles(Path.Combine(root, "Pages"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(f => KeyUse().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);

        var untranslated = used.Where(k => !korean.Contains(k) || !english.Contains(k))
            .Concat(korean.Symmetric(english)).Order(StringComparer.Ordinal).ToList();

        Assert.True(untranslated.Count == 0, "Untranslated keys: " + string.Join(", ", untranslated));
    }

    private static HashSet<string> Keys(string path) =>
        XDocument.Load(path).Root!.Elements("data").Where(d => !string.IsNullOrWhiteSpace(d.Element("value")?.Value))
            .Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    /// <summary>Opens a 난곡동 hoarding referral through the API (cookie session); returns its id and its first task's id.</summary>
    private async Task<(string ReferralId, string TaskId)> OpenReferralAsync()
    {
        var page = await host.NewPageAsync("nangok-dong.worker");
        var referralId = await DemoReferral.CreateAsync(host, page.Context.APIRequest, "김순자");
        var taskId = await DemoReferral.OpenTaskIdAsync(page.Context.APIRequest, referralId);
        await page.Context.CloseAsync();
        return (referralId, taskId);
    }

    [GeneratedRegex("/login")]
    private static partial Regex LoginUrl();

    [GeneratedRegex("/inbox$")]
    private static partial Regex InboxUrl();

    [GeneratedRegex("""L\["([A-Za-z]+\.[A-Za-z.]+)"\]""")]
    private static partial Regex KeyUse();
}

internal static class SetExtensions
{
    public static IEnumerable<string> Symmetric(this HashSet<string> a, HashSet<string> b) => a.Except(b).Concat(b.Except(a));
}
