using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Tests.Features.Tasks;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Tests.Features.Referrals;

/// <summary>
/// Every free-text input refuses a resident registration number, however it is written: 400 naming the field, and
/// nothing stored.
/// </summary>
public sealed class ResidentNumberInputTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Bypasses => new()
    {
        "900101\u22121234567",
        "900101.1234567",
        "900101/1234567",
        "900101 1234567",
        "900101\u200B1234567",
        "９００１０１－１２３４５６７",
    };

    [Theory]
    [MemberData(nameof(Bypasses))]
    public async Task Every_free_text_field_refuses_it_with_400_naming_the_field_and_stores_nothing(string rrn)
    {
        var worker = await host.SignInOnceAsync("nangok-dong.worker");
        var admin = await host.SignInOnceAsync("gwanak-hub.admin");
        var hub = await host.SignInOnceAsync("gwanak-hub.worker");
        var task = await TaskTestData.OpenReferralAsync(host);
        var referrals = await CountAsync(db => db.Referrals);
        var jointResponses = await CountAsync(db => db.JointResponses);

        (string Field, Func<Task<HttpResponseMessage>> Send)[] inputs =
        [
            ("household.name", () => OpenAsync(worker, b => b["household"]!["name"] = $"김순자 {rrn}")),
            ("household.address", () => OpenAsync(worker, b => b["household"]!["address"] = rrn)),
            ("household.phone", () => OpenAsync(worker, b => b["household"]!["phone"] = rrn)),
            ("consent.consentedBy", () => OpenAsync(worker, b => b["consent"]!["consentedBy"] = rrn)),
            ("consent.relationship", () => OpenAsync(worker, b => b["consent"]!["relationship"] = rrn)),
            ("consent.urgentReason", () => OpenAsync(worker, b => b["consent"]!["urgentReason"] = rrn)),
            ("consent.categories[1]", () => OpenAsync(worker, b => b["consent"]!["categories"] = new JsonArray("basic", rrn))),
            ("variables.memo", () => OpenAsync(worker, b => b["variables"] = new JsonObject { ["memo"] = rrn })),
            ("text", () => worker.PostAsJsonAsync($"/api/referrals/{task.ReferralId}/notes", new { text = $"방문 메모 {rrn}" }, Ct)),
            ("outcome", () => worker.PostAsJsonAsync($"/api/referrals/{task.ReferralId}/close", new { outcomeCode = "resolved", outcome = rrn, reasons = new Dictionary<string, string> { ["1"] = "종결" }, version = 1 }, Ct)),
            ("reasons.1", () => worker.PostAsJsonAsync($"/api/referrals/{task.ReferralId}/close", new { outcomeCode = "resolved", outcome = "종결", reasons = new Dictionary<string, string> { ["1"] = rrn }, version = 1 }, Ct)),
            ("outcome.summary", () => worker.PostAsJsonAsync($"/api/tasks/{task.VisitTaskId}/complete", new { outcome = new { visitDate = "2026-03-03", consent = true, risk = "low", summary = rrn } }, Ct)),
            ("reason", () => worker.PostAsJsonAsync($"/api/tasks/{task.VisitTaskId}/return", new { reason = rrn }, Ct)),
            ("reason", () => admin.PostAsJsonAsync($"/api/repair/referrals/{task.ReferralId}/steps/1/cancel", new { reason = rrn }, Ct)),
            ("title", () => hub.PostAsJsonAsync("/api/joint-responses", new { date = "2025-05-14", kind = "meeting", title = rrn, hours = 1, people = 3 }, Ct)),
        ];

        foreach (var (field, send) in inputs)
        {
            var response = await send();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
            Assert.Equal([field], ReferralScenario.ErrorFields(await response.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        }

        Assert.Equal(referrals, await CountAsync(db => db.Referrals));
        Assert.Equal(jointResponses, await CountAsync(db => db.JointResponses));
        Assert.Equal(0, await CountAsync(db => db.ReferralNotes.Where(n => n.ReferralId == task.ReferralId)));
        Assert.Null((await FindAsync(task.ReferralId)).ClosedAt);
        var row = await TaskTestData.TaskRowAsync(host, task.VisitTaskId);
        Assert.Equal((WorkTaskStatus.Open, (string?)null, (string?)null), (row.Status, row.OutcomeJson, row.CancelReason));
        Assert.Single(await TaskTestData.TaskRowsAsync(host, task.InstanceId));
    }

    [Fact]
    public async Task A_json_property_name_or_number_is_refused_too()
    {
        var worker = await host.SignInOnceAsync("nangok-dong.worker");
        var task = await TaskTestData.OpenReferralAsync(host);
        var referrals = await CountAsync(db => db.Referrals);

        var name = await OpenAsync(worker, b => b["variables"] = JsonNode.Parse("""{ "900101-1234567": 1 }"""));
        var number = await OpenAsync(worker, b => b["variables"] = JsonNode.Parse("""{ "memo": 9001011234568 }"""));
        var field = await worker.PostAsJsonAsync($"/api/tasks/{task.VisitTaskId}/complete",
            new { outcome = new { visitDate = "2026-03-03", consent = true, risk = "low", members = 9001011234568 } }, Ct);

        Assert.Equal(["variables"], ReferralScenario.ErrorFields(await name.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        Assert.Equal(["variables.memo"], ReferralScenario.ErrorFields(await number.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        Assert.Equal(["outcome.members"], ReferralScenario.ErrorFields(await field.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        Assert.Equal(referrals, await CountAsync(db => db.Referrals));
        Assert.Equal(WorkTaskStatus.Open, (await TaskTestData.TaskRowAsync(host, task.VisitTaskId)).Status);
    }

    private static Task<HttpResponseMessage> OpenAsync(HttpClient client, Action<JsonObject> change)
    {
        var body = ReferralScenario.Body();
        change(body);
        return client.PostAsJsonAsync("/api/referrals", body, Ct);
    }

    private async Task<int> CountAsync<T>(Func<ReferralFlowDbContext, IQueryable<T>> query)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>()).CountAsync(Ct);
    }

    private async Task<Referral> FindAsync(Guid id)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().Referrals.AsNoTracking().SingleAsync(r => r.Id == id, Ct);
    }
}
