using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Repair.RepairTestData;

namespace ReferralFlow.Host.Tests.Features.Repair;

public sealed class RepairTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_worker_may_not_repair_or_read_repair_state()
    {
        var referral = await NewReferralAsync();
        var worker = await host.SignInAsync("nangok-dong.worker");

        var move = await worker.PostAsJsonAsync($"/api/repair/referrals/{referral.Id}/tokens/1/move", new { targetNodeId = "assess", reason = "x" }, Ct);
        var state = await worker.GetAsync($"/api/repair/referrals/{referral.Id}", Ct);

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (move.StatusCode, state.StatusCode));
    }

    [Fact]
    public async Task A_repair_without_a_reason_is_400_naming_reason()
    {
        var referral = await NewReferralAsync();
        var admin = await host.SignInAsync("gwanak-hub.admin");

        var move = await admin.PostAsJsonAsync($"/api/repair/referrals/{referral.Id}/tokens/1/move", new { targetNodeId = "assess" }, Ct);
        var skip = await admin.PostAsync($"/api/repair/referrals/{referral.Id}/steps/1/cancel", null, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, move.StatusCode);
        Assert.True((await move.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.BadRequest, skip.StatusCode);
        Assert.True((await skip.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task Moving_a_token_opens_the_target_step_and_is_audited_and_on_the_timeline()
    {
        var referral = await NewReferralAsync();
        var admin = await host.SignInAsync("gwanak-hub.admin");
        var before = await admin.GetAsync($"/api/repair/referrals/{referral.Id}", Ct);
        var visit = (await before.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("openSteps")[0].GetProperty("taskId").GetInt32();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/repair/referrals/{referral.Id}/tokens/{visit}/move")
        {
            Content = JsonContent.Create(new { targetNodeId = "assess", reason = "방문은 전화로 대체" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", before.Headers.ETag!.Tag);
        var response = await admin.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["assess"], OpenSteps(state));
        Assert.Equal("\"2\"", response.Headers.ETag!.Tag);
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?referralId={referral.Id}&action=repair.", Ct);
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("repair.move-token", entry.GetProperty("action").GetString());
        Assert.Contains("방문은 전화로 대체", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(referral.Number, entry.GetProperty("referralNumber").GetString());
        var moved = Assert.Single(await TimelineAsync(host, referral), e => e.Type == TimelineEventTypes.TokenMoved);
        Assert.Equal("방문은 전화로 대체", Reason(moved));
        Assert.Equal(entry.GetProperty("userId").GetString(), moved.Actor);
        Assert.Equal(2, (await ReloadAsync(host, referral)).Revision);
    }

    [Fact]
    public async Task A_stale_If_Match_is_409_and_changes_nothing()
    {
        var referral = await NewReferralAsync();
        var admin = await host.SignInAsync("gwanak-hub.admin");
        var visit = await OpenTaskIdAsync(host, referral, "visit");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/repair/referrals/{referral.Id}/steps/{visit}/cancel")
        {
            Content = JsonContent.Create(new { reason = "stale" }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        var response = await admin.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(visit, await OpenTaskIdAsync(host, referral, "visit"));
    }

    [Fact]
    public async Task Skipping_a_step_cancels_it_and_the_route_continues()
    {
        var referral = await NewReferralAsync();
        var admin = await host.SignInAsync("gwanak-hub.admin");
        var visit = await OpenTaskIdAsync(host, referral, "visit");

        var response = await admin.PostAsJsonAsync($"/api/repair/referrals/{referral.Id}/steps/{visit}/cancel", new { reason = "가구 방문 거부" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["assess"], OpenSteps(await response.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        var cancelled = Assert.Single(await TimelineAsync(host, referral), e => e.Type == TimelineEventTypes.TaskCancelled);
        Assert.Contains("가구 방문 거부", Reason(cancelled), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_the_branch_of_the_last_step_ends_the_route()
    {
        var referral = await NewReferralAsync();
        var admin = await host.SignInAsync("gwanak-hub.admin");
        var visit = await OpenTaskIdAsync(host, referral, "visit");

        var response = await admin.PostAsJsonAsync(
            $"/api/repair/referrals/{referral.Id}/steps/{visit}/cancel", new { reason = "중복 의뢰", mode = "cancel-branch" }, Ct);

        var state = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("completed", 0), (state.GetProperty("status").GetString(), state.GetProperty("openSteps").GetArrayLength()));
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?referralId={referral.Id}", Ct);
        Assert.Equal("repair.cancel-branch", audit.GetProperty("items")[0].GetProperty("action").GetString());
    }

    [Fact]
    public async Task Reopening_a_completed_step_adds_a_task_while_the_route_runs_and_is_refused_once_it_ended()
    {
        var referral = await NewReferralAsync();
        var admin = await host.SignInAsync("gwanak-hub.admin");
        await CompleteAsync(host, referral, "visit");

        var reopened = await admin.PostAsJsonAsync($"/api/repair/referrals/{referral.Id}/steps/reopen", new { nodeId = "visit", reason = "재방문 필요" }, Ct);
        var again = await admin.PostAsJsonAsync($"/api/repair/referrals/{referral.Id}/steps/reopen", new { nodeId = "visit", reason = "재방문 필요" }, Ct);
        await CompleteAsync(host, referral, "visit");
        await CompleteAsync(host, referral, "assess");
        await CompleteAsync(host, referral, "assess");
        var ended = await admin.PostAsJsonAsync($"/api/repair/referrals/{referral.Id}/steps/reopen", new { nodeId = "assess", reason = "다시" }, Ct);

        Assert.Equal(HttpStatusCode.OK, reopened.StatusCode);
        Assert.Equal(["assess", "visit"], OpenSteps(await reopened.Content.ReadFromJsonAsync<JsonElement>(Ct)).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, ended.StatusCode);
        Assert.Equal("instance-ended", (await ended.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Migrating_to_a_compatible_version_keeps_the_open_step_and_later_steps_follow_the_new_version()
    {
        var key = NewKey();
        var referral = await CreateReferralAsync(host, await PublishAsync(host, key, VisitThen(key)));
        await PublishAsync(host, key, VisitThen(key, second: "plan"));
        var admin = await host.SignInAsync("gwanak-hub.admin");

        var response = await admin.PostAsJsonAsync($"/api/repair/referrals/{referral.Id}/migrate", new { reason = "개정된 절차 적용" }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var state = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(2, state.GetProperty("workflowVersion").GetInt32());
        Assert.Equal(["visit"], OpenSteps(state));
        Assert.Equal(2, (await ReloadAsync(host, referral)).WorkflowVersion);
        await CompleteAsync(host, referral, "visit");
        Assert.True(await OpenTaskIdAsync(host, referral, "plan") > 0);
        Assert.Contains(await TimelineAsync(host, referral), e => e.Type == TimelineEventTypes.InstanceMigrated);
    }

    [Fact]
    public async Task Migrating_to_a_version_without_the_waiting_step_is_409_listing_the_node_ids()
    {
        var key = NewKey();
        var referral = await CreateReferralAsync(host, await PublishAsync(host, key, VisitThen(key)));
        await CompleteAsync(host, referral, "visit");
        await PublishAsync(host, key, VisitThen(key, second: "plan"));
        var admin = await host.SignInAsync("gwanak-hub.admin");

        var response = await admin.PostAsJsonAsync($"/api/repair/referrals/{referral.Id}/migrate", new { targetVersion = 2, reason = "개정된 절차 적용" }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(["assess"], problem.GetProperty("unmappedNodeIds").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal(1, (await ReloadAsync(host, referral)).WorkflowVersion);
    }

    private async Task<ReferralFlow.Host.Data.Referral> NewReferralAsync()
    {
        var key = NewKey();
        return await CreateReferralAsync(host, await PublishAsync(host, key, VisitThen(key)));
    }

    private static string? Reason(TimelineEventRecord e) => JsonDocument.Parse(e.DataJson!).RootElement.GetProperty("reason").GetString();

    private static List<string?> OpenSteps(JsonElement state) =>
        [.. state.GetProperty("openSteps").EnumerateArray().Select(s => s.GetProperty("nodeId").GetString())];
}
