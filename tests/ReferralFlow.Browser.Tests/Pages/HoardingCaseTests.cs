using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReferralFlow.Browser.Tests.Infrastructure;
using ReferralFlow.Host.Features.Escalation;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Pages;

/// <summary>
/// The seed presentation's hoarding household (쓰레기집), walked in the browser by the people of each agency: the 난곡동
/// 주민센터 worker opens the referral, the assessment picks the splits, 청소과 / 보건소 / 급식 workers each see only their own
/// step, a step left overdue shows as escalated in the control tower, and the case owner closes the referral.
/// </summary>
public sealed partial class HoardingCaseTests(BrowserHostFixture host) : IClassFixture<BrowserHostFixture>
{
    [Fact]
    public async Task The_hoarding_household_case_runs_from_referral_to_closing_across_the_agencies()
    {
        // 1. The dong centre worker opens the referral with consent for every agency, health data included.
        var dong = await host.NewPageAsync("nangok-dong.worker");
        await dong.GotoAsync("/referrals/new?workflowKey=hoarding-household&dong=난곡동");
        var form = dong.GetByTestId("new-referral");
        await form.GetByLabel("성명").FillAsync("김순자");
        await form.GetByLabel("생년월일").FillAsync("1948-05-02");
        await form.GetByLabel("주소").FillAsync("서울 관악구 난곡로 1");
        await form.GetByLabel("가구원 수").FillAsync("1");
        await form.GetByLabel("동의한 사람").FillAsync("김순자");
        await form.GetByLabel("관계").FillAsync("본인");
        await form.GetByLabel("동의 일시").FillAsync("2026-03-01T10:00");
        foreach (var checkbox in await form.Locator("input[name=agencyIds]").AllAsync())
        {
            await checkbox.CheckAsync();
        }

        foreach (var category in new[] { "basic", "living", "health" })
        {
            await form.Locator($"#cat-{category}").CheckAsync();
        }

        await BrowserHostFixture.ScreenshotAsync(dong, "new-referral");
        await form.GetByRole(AriaRole.Button, new() { Name = "의뢰 열기" }).ClickAsync();
        await Expect(dong).ToHaveURLAsync(ReferralUrl());
        var referralUrl = new Uri(dong.Url).AbsolutePath;
        await Expect(dong.Locator("[data-step=Task_AssignCase]")).ToHaveAttributeAsync("data-state", "open");

        // 2. The outcome form answers in Korean, field by field, when required fields are missing.
        await dong.GotoAsync("/inbox");
        await BrowserHostFixture.ScreenshotAsync(dong, "inbox");
        await dong.GetByTestId("queue").Locator("[data-step=Task_AssignCase] a").ClickAsync();
        await dong.GetByRole(AriaRole.Button, new() { Name = "완료", Exact = true }).ClickAsync();
        await Expect(dong.GetByTestId("field-error").First).ToContainTextAsync("항목을 입력하세요");
        await BrowserHostFixture.ScreenshotAsync(dong, "task-form-errors");

        await OutcomeForm.CompleteAsync(dong, "Task_AssignCase", new() { ["reportSource"] = "neighbor", ["reportSummary"] = "적치물로 화재 위험", ["urgentSafetyRisk"] = "false" });
        await OutcomeForm.CompleteAsync(dong, "Task_JointVisit", new() { ["visitDate"] = "2026-03-03", ["consentObtained"] = "true", ["healthDataConsent"] = "true" });

        // 3. The welfare centre's joint assessment decides the splits: cleaning, health check and meals.
        var welfare = await host.NewPageAsync("sillim-welfare.worker");
        await OutcomeForm.CompleteAsync(welfare, "Task_JointAssessment", new()
        {
            ["assessmentDate"] = "2026-03-05",
            ["riskLevel"] = "high",
            ["needsCleaning"] = "true",
            ["needsRepair"] = "false",
            ["needsHealthCheck"] = "true",
            ["needsMeals"] = "true",
            ["needsMedicalBenefit"] = "false",
            ["needsLongTermCare"] = "false",
            ["assessmentSummary"] = "화재·위생 위험 높음",
        });
        var hub = await host.NewPageAsync("gwanak-hub.worker");
        await OutcomeForm.CompleteAsync(hub, "Task_CaseConference", new() { ["conferenceDate"] = "2026-03-09", ["leadCaseManager"] = "신림종합사회복지관", ["servicePlan"] = "청소, 검진, 급식" });

        // 4. Each agency sees only its own step.
        var cleaning = await host.NewPageAsync("gwanak-cleaning.worker");
        await cleaning.GotoAsync("/inbox");
        await Expect(cleaning.GetByTestId("queue").GetByTestId("task-row")).ToHaveCountAsync(1);
        await Expect(cleaning.GetByTestId("queue").Locator("[data-step=Task_Cleaning]")).ToHaveCountAsync(1);
        var health = await host.NewPageAsync("gwanak-health.worker");
        await health.GotoAsync("/inbox");
        await Expect(health.GetByTestId("queue").GetByTestId("task-row")).ToHaveCountAsync(1);
        await health.GetByTestId("queue").Locator("[data-step=Task_HealthCheck] a").ClickAsync();
        await BrowserHostFixture.ScreenshotAsync(health, "task-form");
        await OutcomeForm.CompleteAsync(health, "Task_HealthCheck", new() { ["checkupDate"] = "2026-03-12", ["dementiaScreening"] = null, ["treatmentNeeded"] = "false" });
        var meals = await host.NewPageAsync("nanum-joy.worker");
        await OutcomeForm.CompleteAsync(meals, "Task_Meals", new() { ["mealStartDate"] = "2026-03-11", ["mealType"] = "delivery", ["mealProvider"] = "나눔과 기쁨" });

        // 5. The cleaning step is left past its deadline: the escalation sweep raises it, the control tower shows it first.
        host.Clock.Advance(TimeSpan.FromDays(30));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<EscalationSweep>().RunAsync(TestContext.Current.CancellationToken);
        }

        // Sessions issued a month ago (by the fake clock) have expired: everyone signs in again.
        hub = await host.NewPageAsync("gwanak-hub.worker");
        cleaning = await host.NewPageAsync("gwanak-cleaning.worker");
        dong = await host.NewPageAsync("nangok-dong.worker");
        await hub.GotoAsync("/control-tower");
        await Expect(hub.GetByTestId("tower-row").First).ToHaveAttributeAsync("data-step", "Task_Cleaning");
        await Expect(hub.GetByTestId("tower-row").First).ToHaveAttributeAsync("data-state", "escalated");
        await BrowserHostFixture.ScreenshotAsync(hub, "control-tower");

        await OutcomeForm.CompleteAsync(cleaning, "Task_Cleaning", new()
        {
            ["cleaningDate"] = "2026-04-01",
            ["wasteVolumeTons"] = "2.5",
            ["disinfected"] = "true",
            ["photosAttached"] = "true",
            ["repairNeededAfterCleaning"] = "false",
        });

        // 6. The case owner (the dong centre) sees the coloured steps and the timeline, and closes the referral.
        await dong.GotoAsync(referralUrl);
        await Expect(dong.Locator("[data-step=Task_Cleaning]")).ToHaveAttributeAsync("data-state", "done");
        await BrowserHostFixture.ScreenshotAsync(dong, "referral");
        await dong.GetByLabel("종결 사유").SelectOptionAsync("resolved");
        await dong.GetByLabel("종결 메모").FillAsync("청소·검진·급식 연계 완료, 월간 점검 없이 종결");
        await dong.GetByLabel("남은 단계 취소 사유").FillAsync("사례회의에서 종결 결정");
        await dong.GetByRole(AriaRole.Button, new() { Name = "종결" }).ClickAsync();
        await Expect(dong.GetByTestId("referral-status")).ToContainTextAsync("종결");
        await Expect(dong.GetByTestId("closing-outcome")).ToContainTextAsync("목표 달성(문제 해결)");
        await BrowserHostFixture.ScreenshotAsync(dong, "referral-closed");
    }

    [GeneratedRegex("/referrals/[0-9a-f-]{36}$")]
    private static partial Regex ReferralUrl();
}
