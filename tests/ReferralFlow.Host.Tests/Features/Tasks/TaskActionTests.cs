using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Tasks.TaskTestData;

namespace ReferralFlow.Host.Tests.Features.Tasks;

/// <summary>Claim, unclaim and complete: outcome validation, versions, and races between workers.</summary>
public sealed class TaskActionTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Claim_then_complete_with_a_valid_outcome_moves_the_referral_to_the_next_task()
    {
        var referral = await OpenReferralAsync(host);
        var worker = await host.SignInOnceAsync("nangok-dong.worker");
        var workerId = await UserIdAsync(host, "nangok-dong.worker");

        var claim = await worker.PostAsync($"/api/tasks/{referral.VisitTaskId}/claim", null, Ct);
        var claimed = await claim.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var complete = await worker.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/complete",
            new { outcome = VisitOutcome, version = claimed.GetProperty("version").GetInt32() }, Ct);
        var completed = await complete.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, claim.StatusCode);
        Assert.Equal(workerId, claimed.GetProperty("assignee").GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, complete.StatusCode);
        Assert.Equal("completed", completed.GetProperty("task").GetProperty("status").GetString());
        var next = Assert.Single(completed.GetProperty("nextTasks").EnumerateArray());
        Assert.Equal("plan", next.GetProperty("step").GetProperty("nodeId").GetString());
        Assert.Equal("sillim-welfare", next.GetProperty("agency").GetProperty("id").GetString());
        Assert.Contains(Id(next), (await ListAsync(await host.SignInOnceAsync("sillim-welfare.worker"), "?queue=true")).Select(Id));
        var row = await TaskRowAsync(host, referral.VisitTaskId);
        using var outcome = JsonDocument.Parse(row.OutcomeJson!);
        Assert.Equal("2026-03-03", outcome.RootElement.GetProperty("visitDate").GetString());
        Assert.Equal(2m, outcome.RootElement.GetProperty("members").GetDecimal());
        Assert.Equal("high", outcome.RootElement.GetProperty("risk").GetString());
        var timeline = Assert.Single(await TimelineAsync(host, referral.InstanceId, "task-claimed"));
        Assert.Equal(workerId.ToString(), timeline.Actor);
        Assert.Single(await AuditAsync(host, referral.ReferralId, "task.completed"));
    }

    public static TheoryData<string, string> InvalidOutcomes => new()
    {
        { """{ "consent": true, "risk": "low" }""", "outcome.visitDate" },
        { """{ "visitDate": "2026-03-03", "consent": true, "risk": "low", "members": "two" }""", "outcome.members" },
        { """{ "visitDate": "03/03/2026", "consent": true, "risk": "low" }""", "outcome.visitDate" },
        { """{ "visitDate": "2026-03-03", "consent": "yes", "risk": "low" }""", "outcome.consent" },
        { """{ "visitDate": "2026-03-03", "consent": true, "risk": "extreme" }""", "outcome.risk" },
        { """{ "visitDate": "2026-03-03", "consent": true, "risk": "low", "colour": "red" }""", "outcome.colour" },
        { $$"""{ "visitDate": "2026-03-03", "consent": true, "risk": "low", "summary": "{{new string('x', 4001)}}" }""", "outcome.summary" },
    };

    [Theory]
    [MemberData(nameof(InvalidOutcomes))]
    public async Task An_invalid_outcome_gets_400_naming_the_field(string outcome, string field)
    {
        var referral = await OpenReferralAsync(host);
        var worker = await host.SignInOnceAsync("nangok-dong.worker");

        var response = await worker.PostAsync($"/api/tasks/{referral.VisitTaskId}/complete",
            JsonContent.Create(new { outcome = JsonDocument.Parse(outcome).RootElement }), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await ErrorKeysAsync(response));
        Assert.Equal(WorkTaskStatus.Open, (await TaskRowAsync(host, referral.VisitTaskId)).Status);
    }

    [Fact]
    public async Task Completing_twice_gives_409_the_second_time()
    {
        var referral = await OpenReferralAsync(host);
        var worker = await host.SignInOnceAsync("nangok-dong.worker");

        var first = await worker.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/complete", new { outcome = VisitOutcome }, Ct);
        var second = await worker.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/complete", new { outcome = VisitOutcome }, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("task-not-open", (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Two_simultaneous_completions_give_exactly_one_200_and_one_409()
    {
        var worker = await host.SignInOnceAsync("nangok-dong.worker");
        var colleague = await host.SignInOnceAsync("nangok-dong.worker2");
        for (var round = 0; round < 5; round++)
        {
            var referral = await OpenReferralAsync(host);
            var url = $"/api/tasks/{referral.VisitTaskId}/complete";

            var responses = await Task.WhenAll(
                worker.PostAsJsonAsync(url, new { outcome = VisitOutcome }, Ct),
                colleague.PostAsJsonAsync(url, new { outcome = VisitOutcome }, Ct));

            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
            var rows = await TaskRowsAsync(host, referral.InstanceId);
            Assert.Equal(WorkTaskStatus.Completed, rows.Single(t => t.NodeId == "visit").Status);
            Assert.Single(rows, t => t.NodeId == "plan");
            Assert.Single(await TimelineAsync(host, referral.InstanceId, "task-completed"));
        }
    }

    [Fact]
    public async Task Parallel_steps_completed_at_the_same_time_by_two_agencies_both_succeed()
    {
        var dong = await host.SignInOnceAsync("nangok-dong.worker");
        var welfare = await host.SignInOnceAsync("sillim-welfare.worker");
        for (var round = 0; round < 3; round++)
        {
            var referral = await OpenReferralAsync(host, workflowKey: ParallelKey);
            var rows = await TaskRowsAsync(host, referral.InstanceId);
            var clean = rows.Single(t => t.NodeId == "clean").Id;
            var meals = rows.Single(t => t.NodeId == "meals").Id;

            var responses = await Task.WhenAll(
                dong.PostAsJsonAsync($"/api/tasks/{clean}/complete", new { outcome = new { } }, Ct),
                welfare.PostAsJsonAsync($"/api/tasks/{meals}/complete", new { outcome = new { } }, Ct));

            Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            Assert.All(await TaskRowsAsync(host, referral.InstanceId), t => Assert.Equal(WorkTaskStatus.Completed, t.Status));
            Assert.Single(await TimelineAsync(host, referral.InstanceId, "instance-completed"));
        }
    }

    [Fact]
    public async Task Claim_with_a_stale_version_gets_409_with_the_current_version()
    {
        var referral = await OpenReferralAsync(host);
        var worker = await host.SignInOnceAsync("nangok-dong.worker");
        (await worker.PostAsync($"/api/tasks/{referral.VisitTaskId}/claim", null, Ct)).EnsureSuccessStatusCode();
        (await worker.PostAsync($"/api/tasks/{referral.VisitTaskId}/unclaim", null, Ct)).EnsureSuccessStatusCode();
        var colleague = await host.SignInOnceAsync("nangok-dong.worker2");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{referral.VisitTaskId}/claim");
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        var byHeader = await colleague.SendAsync(request, Ct);
        var byBody = await colleague.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/claim", new { version = 2 }, Ct);
        var current = await colleague.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/claim", new { version = 3 }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, byHeader.StatusCode);
        var stale = await byHeader.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((3, "concurrency-conflict"), (stale.GetProperty("currentVersion").GetInt32(), stale.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, byBody.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal("\"4\"", current.Headers.ETag?.Tag);
    }

    [Fact]
    public async Task Claim_is_idempotent_for_the_assignee_and_409_for_another_worker()
    {
        var referral = await OpenReferralAsync(host);
        var worker = await host.SignInOnceAsync("nangok-dong.worker");
        var colleague = await host.SignInOnceAsync("nangok-dong.worker2");

        var first = await worker.PostAsync($"/api/tasks/{referral.VisitTaskId}/claim", null, Ct);
        var again = await worker.PostAsync($"/api/tasks/{referral.VisitTaskId}/claim", null, Ct);
        var other = await colleague.PostAsync($"/api/tasks/{referral.VisitTaskId}/claim", null, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("task-claimed", (await other.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        Assert.Single(await TimelineAsync(host, referral.InstanceId, "task-claimed"));
    }

    [Fact]
    public async Task Unclaim_by_another_worker_gets_403_and_the_assignee_releases_the_task_to_the_queue()
    {
        var referral = await OpenReferralAsync(host);
        var worker = await host.SignInOnceAsync("nangok-dong.worker");
        (await worker.PostAsync($"/api/tasks/{referral.VisitTaskId}/claim", null, Ct)).EnsureSuccessStatusCode();

        var byColleague = await (await host.SignInOnceAsync("nangok-dong.worker2")).PostAsync($"/api/tasks/{referral.VisitTaskId}/unclaim", null, Ct);
        var byAssignee = await worker.PostAsync($"/api/tasks/{referral.VisitTaskId}/unclaim", null, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, byColleague.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAssignee.StatusCode);
        Assert.Null((await TaskRowAsync(host, referral.VisitTaskId)).Assignee);
        Assert.Contains(referral.VisitTaskId, (await ListAsync(worker, "?queue=true")).Select(Id));
        var row = Assert.Single(await TimelineAsync(host, referral.InstanceId, "task-unclaimed"));
        Assert.Equal((await UserIdAsync(host, "nangok-dong.worker")).ToString(), row.Actor);
    }

    [Fact]
    public async Task Completing_a_task_another_worker_claimed_gets_409_but_a_supervisor_may()
    {
        var referral = await OpenReferralAsync(host);
        (await (await host.SignInOnceAsync("nangok-dong.worker")).PostAsync($"/api/tasks/{referral.VisitTaskId}/claim", null, Ct)).EnsureSuccessStatusCode();

        var byColleague = await (await host.SignInOnceAsync("nangok-dong.worker2"))
            .PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/complete", new { outcome = VisitOutcome }, Ct);
        var bySupervisor = await (await host.SignInOnceAsync("nangok-dong.supervisor"))
            .PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/complete", new { outcome = VisitOutcome }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, byColleague.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bySupervisor.StatusCode);
    }

    [Fact]
    public async Task A_stale_instance_version_gets_409_and_leaves_the_task_open()
    {
        var referral = await OpenReferralAsync(host);
        var worker = await host.SignInOnceAsync("nangok-dong.worker");
        var task = await worker.GetFromJsonAsync<JsonElement>($"/api/tasks/{referral.VisitTaskId}", Ct);
        var instanceVersion = task.GetProperty("instanceVersion").GetInt32();

        var stale = await worker.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/complete", new { outcome = VisitOutcome, instanceVersion = instanceVersion - 1 }, Ct);
        var current = await worker.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/complete", new { outcome = VisitOutcome, instanceVersion }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(instanceVersion + 1, (await current.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("instanceVersion").GetInt32());
    }
}
