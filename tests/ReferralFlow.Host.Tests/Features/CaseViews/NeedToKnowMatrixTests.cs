using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Features.Retention;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Features.Tasks;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.CaseViews;

/// <summary>
/// Every demo user × every resource of one referral in each of its states → the expected status, with no unexpected 200.
/// The seed's hoarding case with the meals branch not taken: 나눔과 기쁨 is allocated the meals role but never gets a step.
/// </summary>
public sealed class NeedToKnowMatrixTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Resources = ["", "/timeline", "/notes", "/consents"];

    private static readonly string[] Stepped = ["sillim-welfare", "gwanak-cleaning", "gwanak-health"];

    private enum State
    {
        Opened,
        Split,
        Closed,
        Anonymised,
    }

    [Fact]
    public async Task Every_demo_user_reaches_a_referral_exactly_when_its_agency_has_a_step_or_owns_or_oversees_it()
    {
        var owner = await host.SignInOnceAsync("nangok-dong.worker");
        var referral = await ReferralScenario.OpenAsync(owner, ReferralScenario.Body(agencyIds: []));
        var id = referral.GetProperty("id").GetGuid();
        var instanceId = ReferralScenario.InstanceIdOf(host, id);
        var unexpected = new List<string>();

        await CheckAsync(id, State.Opened, unexpected);

        await ReferralScenario.CompleteAsync(host, instanceId, "Task_AssignCase", new() { ["reportSource"] = "neighbor", ["reportSummary"] = "적치물", ["urgentSafetyRisk"] = false });
        await RecordConsentAsync(owner, id, ["sillim-welfare", "gwanak-cleaning"], ["basic", "living"]);
        await RecordConsentAsync(owner, id, ["gwanak-health"], ["basic", "living", "health"]);
        await ReferralScenario.CompleteAsync(host, instanceId, "Task_JointVisit", new() { ["visitDate"] = "2026-03-03", ["consentObtained"] = true, ["healthDataConsent"] = true });
        await ReferralScenario.CompleteAsync(host, instanceId, "Task_JointAssessment", new()
        {
            ["assessmentDate"] = "2026-03-05",
            ["riskLevel"] = "high",
            ["needsCleaning"] = true,
            ["needsRepair"] = false,
            ["needsHealthCheck"] = true,
            ["needsMeals"] = false,
            ["needsMedicalBenefit"] = false,
            ["needsLongTermCare"] = false,
            ["assessmentSummary"] = "화재 위험",
        });
        await ReferralScenario.CompleteAsync(host, instanceId, "Task_CaseConference", new() { ["conferenceDate"] = "2026-03-09", ["leadCaseManager"] = "신림종합사회복지관", ["servicePlan"] = "청소, 검진" });
        await CheckAsync(id, State.Split, unexpected);

        var open = (await owner.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct)).GetProperty("steps").EnumerateArray()
            .Where(s => s.GetProperty("status").GetString() == "open").Select(s => s.GetProperty("taskId").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var closed = await owner.PostAsJsonAsync($"/api/referrals/{id}/close",
            new { outcomeCode = "resolved", outcome = "종결", version = 1, reasons = open.ToDictionary(t => t, _ => "사례회의 결정으로 종결") }, Ct);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        await CheckAsync(id, State.Closed, unexpected);

        host.Clock.Advance(TimeSpan.FromDays(365 * 5 + 2));
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(Ct) >= 1);
        }

        await CheckAsync(id, State.Anonymised, unexpected);

        Assert.Empty(unexpected);
    }

    // Access follows the agency: the hub's other accounts (its district administrator) take part once the hub has its
    // step, the case conference.
    private static bool Expected(string login, string agency, State state) =>
        login is "gwanak-hub.admin" or "gwanak-hub.worker" or "gwanak-hub.designer"
        || agency == "nangok-dong"
        || ((Stepped.Contains(agency) || agency == "gwanak-hub") && state != State.Opened);

    private async Task CheckAsync(Guid id, State state, List<string> unexpected)
    {
        foreach (var (login, _, agency, _) in DemoData.Users)
        {
            var client = await host.SignInOnceAsync(login);
            var expected = Expected(login, agency, state);
            foreach (var resource in Resources)
            {
                var status = (await client.GetAsync($"/api/referrals/{id}{resource}", Ct)).StatusCode;
                if (status != (expected ? HttpStatusCode.OK : HttpStatusCode.NotFound))
                {
                    unexpected.Add($"{state} {login} GET {resource}: {(int)status}");
                }
            }

            var listed = (await client.GetAllItemsAsync("/api/referrals?limit=200")).Any(r => r.GetProperty("id").GetGuid() == id);
            if (listed != expected)
            {
                unexpected.Add($"{state} {login} list: {listed}");
            }

            // The task list never shows another agency's steps of a referral it does not take part in.
            var tasks = await client.GetAllItemsAsync($"/api/tasks?referralId={id}&status=completed&limit=200");
            if (!expected && tasks.Length > 0)
            {
                unexpected.Add($"{state} {login} tasks: {tasks.Length}");
            }
        }
    }

    private static async Task RecordConsentAsync(HttpClient client, Guid id, string[] agencies, string[] categories)
    {
        var response = await client.PostAsJsonAsync($"/api/referrals/{id}/consents", new JsonObject
        {
            ["consentedBy"] = "김순자",
            ["relationship"] = "본인",
            ["consentedAt"] = HostFixture.T0,
            ["method"] = "written",
            ["agencyIds"] = new JsonArray([.. agencies.Select(a => JsonValue.Create(a))]),
            ["categories"] = new JsonArray([.. categories.Select(c => JsonValue.Create(c))]),
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
