using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReferralFlow.Browser.Tests.Infrastructure;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Persistence;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Pages;

/// <summary>
/// A referral's split gives steps to three agencies at once: each agency's worker sees the bell's count rise and the
/// step listed, and opening it leads to the task; each agency's shared mailbox gets an alert (real SMTP). A worker who
/// chose "morning digest" on the settings page gets no alert mail, and the next working day's digest lists the step.
/// No mail carries the household's data.
/// </summary>
public sealed class BellTests(BrowserSmtpHostFixture host) : IClassFixture<BrowserSmtpHostFixture>
{
    private static readonly (string Login, string Agency, string Node, string Step)[] Split =
    [
        ("gwanak-cleaning.worker", "gwanak-cleaning", "Task_Cleaning", "청소 및 방역"),
        ("gwanak-health.worker", "gwanak-health", "Task_HealthCheck", "건강검진 및 치매검사"),
        ("nanum-joy.worker", "nanum-joy", "Task_Meals", "무료급식 연계"),
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_split_raises_each_agencys_bell_and_a_digest_only_worker_reads_the_step_in_the_digest()
    {
        // The health centre's worker chooses the morning digest for everything on the settings page.
        var settings = await host.NewPageAsync("gwanak-health.worker");
        await settings.GotoAsync("/account/notifications");
        foreach (var radio in await settings.Locator("input[type=radio][value=digest][name^='mine.']").AllAsync())
        {
            await radio.CheckAsync();
        }

        await settings.GetByRole(AriaRole.Button, new() { Name = "저장" }).ClickAsync();
        await Expect(settings.GetByRole(AriaRole.Status)).ToContainTextAsync("저장했습니다");
        await Expect(settings.Locator("#mine-new-step-digest")).ToBeCheckedAsync();

        var pages = new Dictionary<string, IPage>();
        var before = new Dictionary<string, int>();
        foreach (var (login, _, _, _) in Split)
        {
            var page = login == "gwanak-health.worker" ? settings : await host.NewPageAsync(login);
            await page.GotoAsync("/inbox");
            pages[login] = page;
            before[login] = int.Parse(await page.GetByTestId("bell-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var owner = await host.NewPageAsync("nangok-dong.worker");
        var referralId = Guid.Parse(await DemoReferral.CreateAsync(host, owner.Context.APIRequest));
        var (instanceId, number) = await ReferralAsync(referralId);
        await DriveToSplitsAsync(instanceId);

        foreach (var (login, _, node, step) in Split)
        {
            var page = pages[login];
            await page.ReloadAsync();
            await Expect(page.GetByTestId("bell-count")).ToHaveTextAsync((before[login] + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByTestId("bell").ClickAsync();
            var entry = page.GetByTestId("bell-entry").Filter(new() { HasText = step });
            await Expect(entry).ToContainTextAsync(number);
            await entry.GetByRole(AriaRole.Link).ClickAsync();
            await Expect(page).ToHaveURLAsync($"{host.BaseUrl}/tasks/{await TaskIdAsync(instanceId, node)}");
            await Expect(page.GetByTestId("bell-count")).ToHaveTextAsync(before[login].ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await MailAsync();
        var mails = host.Mails();
        foreach (var (_, agency, _, step) in Split)
        {
            Assert.Single(mails, m => m.To.Mailboxes.Any(b => b.Address == $"{agency}@{DemoData.EmailDomain}")
                && (m.Subject ?? "").Contains(number, StringComparison.Ordinal) && m.Subject!.Contains(step, StringComparison.Ordinal));
        }

        var digestOnly = DemoData.Email("gwanak-health.worker");
        Assert.DoesNotContain(mails, m => m.To.Mailboxes.Any(b => b.Address == digestOnly));

        // The next working day at 08:30 KST.
        var korea = TimeSpan.FromHours(9);
        var day = DateOnly.FromDateTime(host.Clock.GetUtcNow().ToOffset(korea).DateTime).AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        host.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 30)), korea).ToUniversalTime());
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MorningDigest>().RunAsync(DemoData.District, Ct);
        }

        await MailAsync();
        var digest = Assert.Single(host.Mails(), m => m.To.Mailboxes.Any(b => b.Address == digestOnly));
        Assert.Contains($"/tasks/{await TaskIdAsync(instanceId, "Task_HealthCheck")}", digest.TextBody, StringComparison.Ordinal);
        string[] household = [DemoReferral.HouseholdName, "1946-07-12", DemoReferral.ConsentedBy];
        Assert.All(host.Mails(), m => Assert.DoesNotContain(household, h => $"{m.Subject}\n{m.TextBody}".Contains(h, StringComparison.Ordinal)));
    }

    private async Task<(Guid InstanceId, string Number)> ReferralAsync(Guid referralId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var referral = await scope.ServiceProvider.GetRequiredService<ReferralFlow.Host.Data.ReferralFlowDbContext>().Referrals
            .Where(r => r.Id == referralId).Select(r => new { r.InstanceId, r.Number }).SingleAsync(Ct);
        return (referral.InstanceId, referral.Number);
    }

    private async Task<Guid> TaskIdAsync(Guid instanceId, string node)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Tasks
            .Where(t => t.InstanceId == instanceId && t.NodeId == node).Select(t => t.Id).SingleAsync(Ct);
    }

    // The earlier steps as their agencies complete them (in a unit of work, as the API does), up to the split.
    private async Task DriveToSplitsAsync(Guid instanceId)
    {
        await CompleteAsync(instanceId, "Task_AssignCase", new() { ["reportSource"] = "neighbor", ["reportSummary"] = "적치물", ["urgentSafetyRisk"] = false });
        await CompleteAsync(instanceId, "Task_JointVisit", new() { ["visitDate"] = "2026-03-03", ["consentObtained"] = true, ["healthDataConsent"] = true });
        await CompleteAsync(instanceId, "Task_JointAssessment", new()
        {
            ["assessmentDate"] = "2026-03-05",
            ["riskLevel"] = "high",
            ["needsCleaning"] = true,
            ["needsRepair"] = false,
            ["needsHealthCheck"] = true,
            ["needsMeals"] = true,
            ["needsMedicalBenefit"] = false,
            ["needsLongTermCare"] = false,
            ["assessmentSummary"] = "화재 위험",
        });
        await CompleteAsync(instanceId, "Task_CaseConference", new() { ["conferenceDate"] = "2026-03-09", ["leadCaseManager"] = "신림종합사회복지관", ["servicePlan"] = "청소, 검진, 급식" });
    }

    private async Task CompleteAsync(Guid instanceId, string node, Dictionary<string, object?> outcome)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var taskId = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Tasks
            .Where(t => t.InstanceId == instanceId && t.NodeId == node && t.Status == WorkTaskStatus.Open).Select(t => t.TaskId).SingleAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(
            ct => scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().CompleteTaskAsync(instanceId, taskId, outcome, null, ct), Ct);
    }

    private async Task MailAsync()
    {
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AlertMailer>().RunAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(Ct);
    }
}
