using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using ReferralFlow.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Pages;

/// <summary>
/// The seed's hoarding case with the meals branch not taken, in the browser: consent is recorded at the joint visit for
/// the agencies the split needs, the meals agency (allocated, never given a step) sees nothing, health results reach only
/// the health centre, and withdrawing consent hides the household from that agency at once.
/// </summary>
public sealed class NeedToKnowCaseTests(BrowserHostFixture host) : IClassFixture<BrowserHostFixture>
{
    private const string Household = "김순자";
    private const string Suspected = "인지저하 의심";

    [Fact]
    public async Task Each_agency_sees_the_household_only_for_its_steps_and_only_with_consent()
    {
        // 1. Opened with consent for the welfare centre and the hub only: the split is not known yet.
        var dong = await host.NewPageAsync("nangok-dong.worker");
        var (referralId, number) = await OpenAsync(dong.Context.APIRequest);
        await OutcomeForm.CompleteAsync(dong, "Task_AssignCase", new() { ["reportSource"] = "neighbor", ["reportSummary"] = "적치물", ["urgentSafetyRisk"] = "false" });

        // 2. At the joint visit the household consents for the cleaning department and the health centre, health data
        //    for the health centre only.
        await RecordConsentAsync(dong, referralId, ["gwanak-cleaning", "gwanak-health"], ["basic", "living"]);
        await RecordConsentAsync(dong, referralId, ["gwanak-health"], ["health"]);
        await Expect(dong.GetByTestId("consents").Locator("tr[data-agency=gwanak-health][data-category=health]")).ToHaveCountAsync(1);
        await OutcomeForm.CompleteAsync(dong, "Task_JointVisit", new() { ["visitDate"] = "2026-03-03", ["consentObtained"] = "true", ["healthDataConsent"] = "true" });

        // 3. The assessment needs cleaning and a health check, not meals.
        var welfare = await host.NewPageAsync("sillim-welfare.worker");
        await OutcomeForm.CompleteAsync(welfare, "Task_JointAssessment", new()
        {
            ["assessmentDate"] = "2026-03-05",
            ["riskLevel"] = "high",
            ["needsCleaning"] = "true",
            ["needsRepair"] = "false",
            ["needsHealthCheck"] = "true",
            ["needsMeals"] = "false",
            ["needsMedicalBenefit"] = "false",
            ["needsLongTermCare"] = "false",
            ["assessmentSummary"] = "화재·위생 위험 높음",
        });
        var hub = await host.NewPageAsync("gwanak-hub.worker");
        await OutcomeForm.CompleteAsync(hub, "Task_CaseConference", new() { ["conferenceDate"] = "2026-03-09", ["leadCaseManager"] = "신림종합사회복지관", ["servicePlan"] = "청소, 검진" });

        // 4. 나눔과 기쁨 holds the meals role but never got a step: nothing to open, nothing listed.
        var meals = await host.NewPageAsync("nanum-joy.worker");
        Assert.Equal(404, (await meals.GotoAsync($"/referrals/{referralId}"))!.Status);
        Assert.Equal(404, (await meals.GotoAsync($"/referrals/{referralId}/consents"))!.Status);
        await meals.GotoAsync($"/referrals?state=all&number={number}");
        await Expect(meals.GetByTestId("referral-row")).ToHaveCountAsync(0);
        await meals.GotoAsync("/inbox");
        await Expect(meals.GetByText(number)).ToHaveCountAsync(0);

        // 5. The health centre records a suspected dementia screening; it sees it, the cleaning department does not.
        var health = await host.NewPageAsync("gwanak-health.worker");
        await OutcomeForm.CompleteAsync(health, "Task_HealthCheck", new() { ["checkupDate"] = "2026-03-12", ["dementiaScreening"] = "suspected", ["treatmentNeeded"] = "true" });
        await health.GotoAsync($"/referrals/{referralId}");
        await Expect(health.GetByTestId("timeline")).ToContainTextAsync(Suspected);

        var cleaning = await host.NewPageAsync("gwanak-cleaning.worker");
        await cleaning.GotoAsync($"/referrals/{referralId}");
        await Expect(cleaning.Locator("main")).ToContainTextAsync(Household);
        await Expect(cleaning.Locator("[data-step=Task_HealthCheck]")).ToHaveAttributeAsync("data-state", "done");
        await Expect(cleaning.Locator("main")).Not.ToContainTextAsync(Suspected);

        // 6. The household withdraws the cleaning department's consent: its next view shows no identity.
        await dong.GotoAsync($"/referrals/{referralId}/consents");
        await dong.Locator("form:has(input[name=agencyId][value=gwanak-cleaning]) button").ClickAsync();
        await Expect(dong.Locator(".flash")).ToContainTextAsync("철회");
        await Expect(dong.GetByTestId("consents").Locator("tr[data-agency=gwanak-cleaning]").Filter(new() { HasText = "유효" })).ToHaveCountAsync(0);
        await cleaning.ReloadAsync();
        await Expect(cleaning.GetByTestId("household-restricted")).ToBeVisibleAsync();
        await Expect(cleaning.Locator("main")).Not.ToContainTextAsync(Household);
        await BrowserHostFixture.ScreenshotAsync(cleaning, "referral-consent-withdrawn");
    }

    private async Task<(string Id, string Number)> OpenAsync(IAPIRequestContext api)
    {
        var response = await api.PostAsync("/api/referrals", new()
        {
            DataObject = new
            {
                workflowKey = "hoarding-household",
                dong = "난곡동",
                household = new { name = Household, birthDate = "1948-05-02", members = 1 },
                consent = new
                {
                    consentedBy = "김영수",
                    relationship = "아들",
                    consentedAt = host.Clock.GetUtcNow().AddHours(-2),
                    method = "written",
                    agencyIds = new[] { "sillim-welfare", "gwanak-hub" },
                    categories = new[] { "basic", "living" },
                },
            },
        });
        Assert.True(response.Ok, await response.TextAsync());
        var root = JsonDocument.Parse(await response.TextAsync()).RootElement;
        return (root.GetProperty("id").GetString()!, root.GetProperty("number").GetString()!);
    }

    private async Task RecordConsentAsync(IPage page, string referralId, string[] agencies, string[] categories)
    {
        await page.GotoAsync($"/referrals/{referralId}/consents");
        var form = page.GetByTestId("record-consent");
        await form.GetByLabel("동의한 사람").FillAsync("김영수");
        await form.GetByLabel("관계").FillAsync("아들");
        var localNow = host.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(9)).AddMinutes(-30);
        await form.GetByLabel("동의 일시").FillAsync(localNow.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        foreach (var agency in agencies)
        {
            await form.Locator($"#ag-{agency}").CheckAsync();
        }

        foreach (var category in categories)
        {
            await form.Locator($"#cat-{category}").CheckAsync();
        }

        await form.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator(".flash")).ToBeVisibleAsync();
    }
}
