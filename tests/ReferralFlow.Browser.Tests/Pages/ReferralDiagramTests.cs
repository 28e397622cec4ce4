using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Browser.Tests.Infrastructure;
using ReferralFlow.Host.Features.Escalation;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Pages;

/// <summary>
/// The referral page draws the workflow version's diagram (the designer's read-only viewer) with each step marked by
/// its state — colour, line pattern and a text badge — next to the step list that stays as the text alternative.
/// </summary>
public sealed class ReferralDiagramTests(BrowserHostFixture host) : IClassFixture<BrowserHostFixture>
{
    [Fact]
    public async Task The_referral_page_colours_each_step_of_the_diagram_by_its_state()
    {
        var referralId = await OpenReferralAsync();
        await CompleteAsync("nangok-dong.worker", referralId, "Task_AssignCase", new() { ["reportSource"] = "neighbor", ["reportSummary"] = "적치물로 화재 위험", ["urgentSafetyRisk"] = "false" });
        await CompleteAsync("nangok-dong.worker", referralId, "Task_JointVisit", new() { ["visitDate"] = "2026-03-03", ["consentObtained"] = "true", ["healthDataConsent"] = "true" });
        await CompleteAsync("sillim-welfare.worker", referralId, "Task_JointAssessment", new()
        {
            ["assessmentDate"] = "2026-03-05",
            ["riskLevel"] = "high",
            ["needsCleaning"] = "true",
            ["needsRepair"] = "false",
            ["needsHealthCheck"] = "true",
            ["needsMeals"] = "true",
            ["needsMedicalBenefit"] = "true",
            ["needsLongTermCare"] = "false",
            ["assessmentSummary"] = "화재·위생 위험 높음",
        });
        await CompleteAsync("gwanak-hub.worker", referralId, "Task_CaseConference", new() { ["conferenceDate"] = "2026-03-09", ["leadCaseManager"] = "신림종합사회복지관", ["servicePlan"] = "청소, 검진, 급식, 의료급여" });
        await CompleteAsync("nanum-joy.worker", referralId, "Task_Meals", new() { ["mealStartDate"] = "2026-03-11", ["mealType"] = "delivery", ["mealProvider"] = "나눔과 기쁨" });

        // Cleaning (10 days) passes its deadline and the sweep escalates it; then the health check (15 days) passes its
        // deadline before the next sweep: overdue, not yet escalated. The medical benefit step (30 days) stays open.
        host.Clock.Advance(TimeSpan.FromDays(12));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<EscalationSweep>().RunAsync(TestContext.Current.CancellationToken);
        }

        host.Clock.Advance(TimeSpan.FromDays(4));

        var page = await host.NewPageAsync("nangok-dong.worker");
        await page.GotoAsync($"/referrals/{referralId}");
        var diagram = page.GetByTestId("diagram");
        await Expect(diagram).ToHaveAttributeAsync("data-rendered", "true");
        await Expect(diagram.Locator("svg[role=img]")).ToHaveCountAsync(1);

        var expected = new Dictionary<string, string>
        {
            ["Task_AssignCase"] = "done",
            ["Task_JointVisit"] = "done",
            ["Task_JointAssessment"] = "done",
            ["Task_CaseConference"] = "done",
            ["Task_Meals"] = "done",
            ["Task_Cleaning"] = "escalated",
            ["Task_HealthCheck"] = "overdue",
            ["Task_MedicalBenefit"] = "open",
        };
        foreach (var (node, state) in expected)
        {
            var element = diagram.Locator($"g.djs-element[data-element-id={node}]");
            await Expect(element).ToHaveClassAsync(new System.Text.RegularExpressions.Regex($@"\brf-state-{state}\b"));
            await Expect(diagram.Locator($".djs-overlays[data-container-id={node}] .rf-state-badge")).ToHaveAttributeAsync("data-state", state);

            // The step list (the text alternative) says the same.
            await Expect(page.Locator($"li[data-step={node}]").Last).ToHaveAttributeAsync("data-state", state);
        }

        // Steps that never ran carry no state.
        Assert.Equal(0, await diagram.Locator("g.djs-element[data-element-id=Task_Repair].rf-state").CountAsync());
        await Expect(diagram.Locator(".djs-overlays[data-container-id=Task_Cleaning] .rf-state-badge")).ToContainTextAsync("상향 보고됨");

        await diagram.ScrollIntoViewIfNeededAsync();
        Directory.CreateDirectory(BrowserHostFixture.ScreenshotDirectory);
        await diagram.ScreenshotAsync(new() { Path = Path.Combine(BrowserHostFixture.ScreenshotDirectory, "referral-diagram.png") });
        await BrowserHostFixture.ScreenshotAsync(page, "referral-diagram-page");
    }

    [Fact]
    public async Task The_diagram_data_embedded_in_the_page_cannot_break_out_of_its_script_element()
    {
        var referralId = await OpenReferralAsync();
        var page = await host.NewPageAsync("nangok-dong.worker");
        await page.GotoAsync($"/referrals/{referralId}");
        var json = await page.Locator("#rf-diagram-data").TextContentAsync();
        using var data = JsonDocument.Parse(json!);
        Assert.Contains("<bpmn:definitions", data.RootElement.GetProperty("xml").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("<", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shared_timeline_shows_each_completed_steps_outcome_with_the_forms_labels()
    {
        var (referralId, _) = await DemoReferral.OpenAsync(host);
        // The district hub oversees the case; the welfare centre takes part only from its first step.
        var page = await host.NewPageAsync("gwanak-hub.worker", "ko");

        await page.GotoAsync($"/referrals/{referralId}");

        var completed = page.GetByTestId("timeline").Locator("li").Filter(new() { Has = page.Locator("[data-event=task-completed]") });
        await Expect(completed.GetByTestId("outcome")).ToContainTextAsync("신고 경로");
        await Expect(completed.GetByTestId("outcome")).ToContainTextAsync("이웃 신고");
        await Expect(completed.GetByTestId("outcome")).Not.ToContainTextAsync("reportSource");
    }

    /// <summary>Opens a 난곡동 hoarding referral through the API, with consent for every agency involved; returns its id.</summary>
    private async Task<string> OpenReferralAsync()
    {
        var page = await host.NewPageAsync("nangok-dong.worker");
        var id = await DemoReferral.CreateAsync(host, page.Context.APIRequest, "이영자");
        await page.Context.CloseAsync();
        return id;
    }

    /// <summary>Completes the open task of <paramref name="step"/> as <paramref name="login"/> through the API.</summary>
    private async Task CompleteAsync(string login, string referralId, string step, Dictionary<string, string> outcome)
    {
        var page = await host.NewPageAsync(login);
        var tasks = await page.Context.APIRequest.GetAsync($"/api/tasks?referralId={referralId}");
        Assert.True(tasks.Ok, await tasks.TextAsync());
        var items = JsonDocument.Parse(await tasks.TextAsync()).RootElement.GetProperty("items").EnumerateArray();
        var task = items.Single(t => t.GetProperty("step").GetProperty("nodeId").GetString() == step && t.GetProperty("status").GetString() == "open");
        var response = await page.Context.APIRequest.PostAsync($"/api/tasks/{task.GetProperty("id").GetString()}/complete", new() { DataObject = new { outcome } });
        Assert.True(response.Ok, $"{step}: {response.Status} {await response.TextAsync()}");
        await page.Context.CloseAsync();
    }
}

/// <summary>The host with no designer build: <c>Designer:Path</c> points at an empty folder.</summary>
public sealed class NoDesignerHostFixture(PostgresClusterFixture cluster) : BrowserHostFixture(cluster)
{
    private readonly string _empty = Directory.CreateTempSubdirectory("rf-no-designer-").FullName;

    protected override void ConfigureHost(IWebHostBuilder builder) => builder.UseSetting("Designer:Path", _empty);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_empty, recursive: true);
    }
}

/// <summary>Without the designer build the referral page still lists every step with its state.</summary>
public sealed class ReferralWithoutDiagramTests(NoDesignerHostFixture host) : IClassFixture<NoDesignerHostFixture>
{
    [Fact]
    public async Task Without_the_designer_build_the_referral_page_shows_the_step_list_only()
    {
        var page = await host.NewPageAsync("nangok-dong.worker");
        await page.GotoAsync($"/referrals/{await DemoReferral.CreateAsync(host, page.Context.APIRequest, "박옥순")}");

        await Expect(page.Locator("li[data-step=Task_AssignCase]")).ToHaveAttributeAsync("data-state", "open");
        await Expect(page.GetByTestId("diagram")).ToHaveCountAsync(0);
        await Expect(page.Locator("script[type=module]")).ToHaveCountAsync(0);
    }
}
