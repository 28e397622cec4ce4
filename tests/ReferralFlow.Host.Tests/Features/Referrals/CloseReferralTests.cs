using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Tests.Features.Referrals;

public sealed class CloseReferralTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Closing_with_open_steps_needs_a_reason_for_each_of_them()
    {
        var (owner, id, _) = await OpenAtSplitsAsync();
        var open = await OpenTaskIdsAsync(owner, id);

        var response = await owner.PostAsJsonAsync($"/api/referrals/{id}/close", new { outcomeCode = "moved", outcome = "대상자 전출", version = 1 }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(3, open.Count);
        Assert.Equal(open.Select(t => $"reasons.{t}").Order(), ReferralScenario.ErrorFields(await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).Order());
    }

    [Fact]
    public async Task Only_the_public_case_owner_side_closes_a_referral()
    {
        var (_, id, _) = await OpenAtSplitsAsync();
        var welfare = await host.SignInAsync("sillim-welfare.worker");

        var response = await welfare.PostAsJsonAsync($"/api/referrals/{id}/close", new { outcomeCode = "resolved", outcome = "종결", version = 1 }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Closing_with_reasons_cancels_the_open_steps_and_replies_to_the_referring_agency_once()
    {
        var (owner, id, instanceId) = await OpenAtSplitsAsync();
        var open = await OpenTaskIdsAsync(owner, id);
        var reasons = open.ToDictionary(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => "대상자 전출로 중단");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/referrals/{id}/close") { Content = JsonContent.Create(new { outcomeCode = "moved", outcome = "대상자 타 지역 전출", reasons }) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));

        var response = await owner.SendAsync(request, Ct);
        var closed = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var again = await owner.PostAsJsonAsync($"/api/referrals/{id}/close", new { outcomeCode = "resolved", outcome = "다시", version = 2 }, Ct);
        var timeline = await owner.GetAllItemsAsync($"/api/referrals/{id}/timeline");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag?.Tag);
        Assert.Equal("cancelled", closed.GetProperty("status").GetString());
        Assert.Equal("대상자 타 지역 전출", closed.GetProperty("closingOutcome").GetString());
        Assert.Equal("moved", closed.GetProperty("closingOutcomeCode").GetString());
        Assert.All(closed.GetProperty("steps").EnumerateArray().Where(s => open.Contains(s.GetProperty("taskId").GetInt32())),
            s => Assert.Equal(("cancelled", "대상자 전출로 중단"), (s.GetProperty("status").GetString(), s.GetProperty("cancelReason").GetString())));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("referral-closed", (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        var closing = Assert.Single(timeline!, e => e.GetProperty("type").GetString() == "referral-closed");
        Assert.Equal("대상자 타 지역 전출", closing.GetProperty("data").GetProperty("outcome").GetString());

        await using var scope = host.Factory.Services.CreateAsyncScope();
        var workflow = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        Assert.Equal(InstanceStatus.Cancelled, await workflow.Instances.Where(i => i.Id == instanceId).Select(i => i.Status).SingleAsync(Ct));
        var reply = Assert.Single(await workflow.Outbox.Where(m => m.InstanceId == instanceId && m.Type == "referral-reply").ToListAsync(Ct));
        Assert.Equal(("agency:nangok-dong", "referral-reply", $"referral-reply:{id}"), (reply.To, reply.Template, reply.IdempotencyKey));
        Assert.Equal("moved", JsonDocument.Parse(reply.DataJson!).RootElement.GetProperty("outcomeCode").GetString());
        Assert.DoesNotContain("전출", reply.DataJson!, StringComparison.Ordinal);
        var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        var audit = await db.AuditLog.SingleAsync(a => a.ReferralId == id && a.Action == "referral.closed", Ct);
        Assert.DoesNotContain("대상자 전출로 중단", audit.Detail);
        Assert.Equal(open.Order(), JsonDocument.Parse(audit.Detail!).RootElement.GetProperty("cancelledSteps").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Theory]
    [InlineData(null, "closing-outcome-required")]
    [InlineData("solved-somehow", "value-not-allowed")]
    public async Task Closing_needs_one_of_the_fixed_outcome_codes(string? code, string expected)
    {
        var (owner, id, _) = await OpenAtSplitsAsync();
        var reasons = (await OpenTaskIdsAsync(owner, id)).ToDictionary(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => "중단");

        var response = await owner.PostAsJsonAsync($"/api/referrals/{id}/close", new { outcomeCode = code, outcome = "종결", reasons, version = 1 }, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["outcomeCode"], ReferralScenario.ErrorFields(problem));
        Assert.Equal(expected, problem.GetProperty("errorCodes").GetProperty("outcomeCode")[0].GetString());
    }

    [Fact]
    public async Task Closing_without_a_note_is_allowed_the_code_is_enough()
    {
        var (owner, id, _) = await OpenAtSplitsAsync();
        var reasons = (await OpenTaskIdsAsync(owner, id)).ToDictionary(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => "중단");

        var response = await owner.PostAsJsonAsync($"/api/referrals/{id}/close", new { outcomeCode = "unreachable", reasons, version = 1 }, Ct);
        var closed = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("unreachable", closed.GetProperty("closingOutcomeCode").GetString());
        Assert.True(!closed.TryGetProperty("closingOutcome", out var note) || note.ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task Closing_with_a_stale_version_is_409_with_the_current_version()
    {
        var (owner, id, _) = await OpenAtSplitsAsync();
        var reasons = (await OpenTaskIdsAsync(owner, id)).ToDictionary(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => "중단");

        var response = await owner.PostAsJsonAsync($"/api/referrals/{id}/close", new { outcomeCode = "resolved", outcome = "종결", reasons, version = 7 }, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(1, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal("concurrency-conflict", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Closing_without_a_version_is_428()
    {
        var (owner, id, _) = await OpenAtSplitsAsync();

        var response = await owner.PostAsJsonAsync($"/api/referrals/{id}/close", new { outcomeCode = "resolved", outcome = "종결" }, Ct);

        Assert.Equal(HttpStatusCode.PreconditionRequired, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("version-required", problem.GetProperty("code").GetString());
        Assert.Equal("version-required", problem.GetProperty("errorCodes").GetProperty("version")[0].GetString());
    }

    private async Task<(HttpClient Owner, Guid Id, Guid InstanceId)> OpenAtSplitsAsync()
    {
        var owner = await host.SignInAsync("nangok-dong.worker");
        var id = Guid.Parse((await ReferralScenario.OpenAsync(owner)).GetProperty("id").GetString()!);
        var instanceId = ReferralScenario.InstanceIdOf(host, id);
        await ReferralScenario.DriveToSplitsAsync(host, instanceId);
        return (owner, id, instanceId);
    }

    private static async Task<List<int>> OpenTaskIdsAsync(HttpClient client, Guid id)
    {
        var referral = await client.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct);
        return referral.GetProperty("steps").EnumerateArray()
            .Where(s => s.GetProperty("status").GetString() == "open").Select(s => s.GetProperty("taskId").GetInt32()).ToList();
    }
}
