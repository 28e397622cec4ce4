using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Tests.Features.Referrals;

/// <summary>The 난곡동 hoarding-household referral of the seed case, and a way to drive its workflow without the task API.</summary>
internal static class ReferralScenario
{
    /// <summary>The agencies the 난곡동 defaults allocate to the hoarding workflow, other than the dong centre itself.</summary>
    public static readonly string[] PartnerAgencies = ["sillim-welfare", "gwanak-hub", "gwanak-cleaning", "gwanak-health", "nanum-joy"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static JsonObject Body(string? address = "서울 관악구 난곡로 1", IEnumerable<string>? agencyIds = null) => new()
    {
        ["workflowKey"] = "hoarding-household",
        ["dong"] = "난곡동",
        ["household"] = new JsonObject
        {
            ["name"] = "김순자",
            ["birthDate"] = "1948-05-02",
            ["address"] = address,
            ["phone"] = "010-1234-5678",
            ["members"] = 1,
        },
        ["consent"] = new JsonObject
        {
            ["consentedBy"] = "김순자",
            ["relationship"] = "본인",
            ["consentedAt"] = HostFixture.T0.AddHours(-2),
            ["method"] = "written",
            ["agencyIds"] = new JsonArray((agencyIds ?? PartnerAgencies).Select(a => (JsonNode)a!).ToArray()),
            ["categories"] = new JsonArray("basic", "living", "health"),
        },
    };

    /// <summary>Opens the referral; returns its JSON (as GET returns it).</summary>
    public static async Task<JsonElement> OpenAsync(HttpClient client, JsonObject? body = null)
    {
        var response = await client.PostAsJsonAsync("/api/referrals", body ?? Body(), Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>
    /// Completes the steps up to the joint case conference, which splits into cleaning, health check and meals: three
    /// steps of three agencies open at once. <paramref name="inUnitOfWork"/> runs each step as the API does, with the
    /// host's records of a command (alerts, bell entries) saved beside it.
    /// </summary>
    public static async Task DriveToSplitsAsync(HostFixture host, Guid instanceId, bool inUnitOfWork = false)
    {
        Task CompleteAsync(HostFixture host, Guid instanceId, string nodeId, Dictionary<string, object?> outcome) =>
            ReferralScenario.CompleteAsync(host, instanceId, nodeId, outcome, inUnitOfWork);

        await CompleteAsync(host, instanceId, "Task_AssignCase", new() { ["reportSource"] = "neighbor", ["reportSummary"] = "적치물", ["urgentSafetyRisk"] = false });
        await CompleteAsync(host, instanceId, "Task_JointVisit", new() { ["visitDate"] = "2026-03-03", ["consentObtained"] = true, ["healthDataConsent"] = true });
        await CompleteAsync(host, instanceId, "Task_JointAssessment", new()
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
        await CompleteAsync(host, instanceId, "Task_CaseConference", new() { ["conferenceDate"] = "2026-03-09", ["leadCaseManager"] = "신림종합사회복지관", ["servicePlan"] = "청소, 검진, 급식" });
    }

    public static async Task CompleteAsync(HostFixture host, Guid instanceId, string nodeId, Dictionary<string, object?> outcome, bool inUnitOfWork = false)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var workflow = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var taskId = await workflow.Tasks.Where(t => t.InstanceId == instanceId && t.NodeId == nodeId && t.Status == WorkTaskStatus.Open)
            .Select(t => t.TaskId).SingleAsync(Ct);
        var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
        if (inUnitOfWork)
        {
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(ct => runtime.CompleteTaskAsync(instanceId, taskId, outcome, null, ct), Ct);
        }
        else
        {
            await runtime.CompleteTaskAsync(instanceId, taskId, outcome, null, Ct);
        }
    }

    public static Guid InstanceIdOf(HostFixture host, Guid referralId)
    {
        using var scope = host.Factory.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<ReferralFlow.Host.Data.ReferralFlowDbContext>().Referrals
            .Where(r => r.Id == referralId).Select(r => r.InstanceId).Single();
    }

    public static string[] ErrorFields(JsonElement problem) =>
        problem.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name).ToArray() : [];
}
