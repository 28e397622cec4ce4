using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Tasks.TaskTestData;

namespace ReferralFlow.Host.Tests.Features.Tasks;

/// <summary>Task lists and task details: agency scoping, filters, the form and what the consent lets an agency see.</summary>
public sealed class TaskQueueTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Queue_of_each_agency_shows_only_the_tasks_offered_to_it()
    {
        var toNangok = await OpenReferralAsync(host, visit: "nangok-dong");
        var toWelfare = await OpenReferralAsync(host, visit: "sillim-welfare");

        var nangok = await ListAsync(await host.SignInOnceAsync("nangok-dong.worker"), "?queue=true");
        var welfare = await ListAsync(await host.SignInOnceAsync("sillim-welfare.worker"), "?queue=true");

        Assert.Contains(toNangok.VisitTaskId, nangok.Select(Id));
        Assert.DoesNotContain(toWelfare.VisitTaskId, nangok.Select(Id));
        Assert.All(nangok, t => Assert.Equal("nangok-dong", t.GetProperty("agency").GetProperty("id").GetString()));
        Assert.Contains(toWelfare.VisitTaskId, welfare.Select(Id));
        Assert.DoesNotContain(toNangok.VisitTaskId, welfare.Select(Id));
        Assert.All(welfare, t => Assert.Equal("sillim-welfare", t.GetProperty("agency").GetProperty("id").GetString()));
        var item = nangok.Single(t => Id(t) == toNangok.VisitTaskId);
        Assert.Equal(toNangok.Number, item.GetProperty("referral").GetProperty("number").GetString());
        Assert.Equal(WorkflowKey, item.GetProperty("workflowKey").GetString());
        Assert.Equal("visit", item.GetProperty("step").GetProperty("nodeId").GetString());
        Assert.Equal("visit", item.GetProperty("role").GetString());
        Assert.Equal("open", item.GetProperty("status").GetString());
        Assert.Equal(item.GetProperty("createdAt").GetDateTimeOffset().AddDays(3), item.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(1, item.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Another_agencys_worker_gets_404_on_get_claim_and_complete()
    {
        var referral = await OpenReferralAsync(host, visit: "nangok-dong");
        var outsider = await host.SignInOnceAsync("gwanak-health.worker");

        var get = await outsider.GetAsync($"/api/tasks/{referral.VisitTaskId}", Ct);
        var claim = await outsider.PostAsync($"/api/tasks/{referral.VisitTaskId}/claim", null, Ct);
        var complete = await outsider.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/complete", new { outcome = VisitOutcome }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, claim.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, complete.StatusCode);
        Assert.Equal(WorkTaskStatus.Open, (await TaskRowAsync(host, referral.VisitTaskId)).Status);
    }

    [Fact]
    public async Task Get_returns_the_form_instructions_and_referral_context_and_audits_the_read()
    {
        var referral = await OpenReferralAsync(host);
        var client = await host.SignInOnceAsync("nangok-dong.worker");

        var response = await client.GetAsync($"/api/tasks/{referral.VisitTaskId}", Ct);
        var task = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("Visit the household within three days.", task.GetProperty("documentation").GetString());
        var form = task.GetProperty("form").EnumerateArray().ToList();
        Assert.Equal(["visitDate", "members", "consent", "risk", "summary"], form.Select(f => f.GetProperty("id").GetString()));
        Assert.Equal("date", form[0].GetProperty("type").GetString());
        Assert.True(form[0].GetProperty("required").GetBoolean());
        Assert.Equal(["low", "high"], form[3].GetProperty("options").EnumerateArray().Select(o => o.GetProperty("value").GetString()));
        var context = task.GetProperty("referral");
        Assert.Equal(referral.Number, context.GetProperty("number").GetString());
        Assert.Equal("난곡동", context.GetProperty("dong").GetString());
        Assert.Equal("홍길동", context.GetProperty("householdName").GetString());
        Assert.Equal(1, task.GetProperty("task").GetProperty("version").GetInt32());
        Assert.Single(await AuditAsync(host, referral.ReferralId, "task.read"));
    }

    [Fact]
    public async Task Household_name_and_earlier_outcomes_are_hidden_when_the_consent_does_not_cover_the_agency()
    {
        var referral = await OpenReferralAsync(host, visit: "nangok-dong", plan: "gwanak-health", consentFor: ["nangok-dong"]);
        var dong = await host.SignInOnceAsync("nangok-dong.worker");
        (await dong.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/complete", new { outcome = VisitOutcome }, Ct)).EnsureSuccessStatusCode();
        var plan = (await TaskRowsAsync(host, referral.InstanceId)).Single(t => t.NodeId == "plan");
        var health = await host.SignInOnceAsync("gwanak-health.worker");

        var task = await health.GetFromJsonAsync<JsonElement>($"/api/tasks/{plan.Id}", Ct);

        var context = task.GetProperty("referral");
        Assert.Equal(referral.Number, context.GetProperty("number").GetString());
        Assert.False(context.TryGetProperty("householdName", out _));
        Assert.True(context.GetProperty("householdRestricted").GetBoolean());
        var previous = Assert.Single(task.GetProperty("previousSteps").EnumerateArray());
        Assert.Equal("visit", previous.GetProperty("step").GetProperty("nodeId").GetString());
        Assert.False(previous.TryGetProperty("outcome", out _));
        Assert.False(previous.TryGetProperty("fields", out _));
    }

    [Fact]
    public async Task Earlier_outcomes_are_read_with_the_forms_labels_and_the_chosen_options_label()
    {
        var referral = await OpenReferralAsync(host, visit: "nangok-dong", plan: "sillim-welfare");
        var dong = await host.SignInOnceAsync("nangok-dong.worker");
        (await dong.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/complete", new { outcome = VisitOutcome }, Ct)).EnsureSuccessStatusCode();
        var plan = (await TaskRowsAsync(host, referral.InstanceId)).Single(t => t.NodeId == "plan");

        var task = await (await host.SignInOnceAsync("sillim-welfare.worker")).GetFromJsonAsync<JsonElement>($"/api/tasks/{plan.Id}", Ct);

        var fields = Assert.Single(task.GetProperty("previousSteps").EnumerateArray()).GetProperty("fields").EnumerateArray()
            .ToDictionary(f => f.GetProperty("id").GetString()!);
        Assert.Equal(("Visit date", "2026-03-03"), (fields["visitDate"].GetProperty("label").GetString(), fields["visitDate"].GetProperty("value").GetString()));
        Assert.Equal(("Risk level", "High"), (fields["risk"].GetProperty("label").GetString(), fields["risk"].GetProperty("choice").GetString()));
        Assert.True(fields["consent"].GetProperty("value").GetBoolean());
    }

    [Fact]
    public async Task Overdue_filter_follows_the_clock_and_overdue_tasks_come_first()
    {
        var late = await OpenReferralAsync(host);
        host.Clock.Advance(TimeSpan.FromDays(4));
        var fresh = await OpenReferralAsync(host);
        var client = await host.SignInOnceAsync("nangok-dong.worker");

        var overdue = await ListAsync(client, "?overdue=true");
        var all = await ListAsync(client);

        Assert.Contains(late.VisitTaskId, overdue.Select(Id));
        Assert.DoesNotContain(fresh.VisitTaskId, overdue.Select(Id));
        var item = overdue.Single(t => Id(t) == late.VisitTaskId);
        Assert.StartsWith("P", item.GetProperty("overdueBy").GetString(), StringComparison.Ordinal);
        Assert.True(all.FindIndex(t => Id(t) == late.VisitTaskId) < all.FindIndex(t => Id(t) == fresh.VisitTaskId));
        Assert.False(all.Single(t => Id(t) == fresh.VisitTaskId).TryGetProperty("overdueBy", out _));
    }

    [Fact]
    public async Task Mine_lists_my_claimed_tasks_and_status_lists_completed_ones()
    {
        var claimed = await OpenReferralAsync(host);
        var completed = await OpenReferralAsync(host);
        var client = await host.SignInOnceAsync("nangok-dong.worker2");
        (await client.PostAsync($"/api/tasks/{claimed.VisitTaskId}/claim", null, Ct)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/tasks/{completed.VisitTaskId}/complete", new { outcome = VisitOutcome }, Ct)).EnsureSuccessStatusCode();

        var mine = await ListAsync(client, "?mine=true");
        var queue = await ListAsync(client, "?queue=true");
        var done = await ListAsync(client, "?status=completed&mine=true");
        var bad = await client.GetAsync("/api/tasks?status=finished", Ct);

        Assert.Equal([claimed.VisitTaskId], mine.Select(Id));
        Assert.DoesNotContain(claimed.VisitTaskId, queue.Select(Id));
        Assert.Equal([completed.VisitTaskId], done.Select(Id));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("status", await ErrorKeysAsync(bad));
    }

    [Fact]
    public async Task Only_a_supervisor_lists_another_workers_tasks()
    {
        var referral = await OpenReferralAsync(host);
        var worker = await host.SignInOnceAsync("nangok-dong.worker");
        (await worker.PostAsync($"/api/tasks/{referral.VisitTaskId}/claim", null, Ct)).EnsureSuccessStatusCode();
        var workerId = await UserIdAsync(host, "nangok-dong.worker");

        var bySupervisor = await ListAsync(await host.SignInOnceAsync("nangok-dong.supervisor"), $"?assigneeId={workerId}");
        var byColleague = await (await host.SignInOnceAsync("nangok-dong.worker2")).GetAsync($"/api/tasks?assigneeId={workerId}", Ct);

        Assert.Contains(referral.VisitTaskId, bySupervisor.Select(Id));
        Assert.All(bySupervisor, t => Assert.Equal(workerId, t.GetProperty("assignee").GetProperty("id").GetGuid()));
        Assert.Equal(HttpStatusCode.Forbidden, byColleague.StatusCode);
    }

    [Fact]
    public async Task District_hub_reads_every_task_of_its_district_but_acts_only_on_its_own()
    {
        var referral = await OpenReferralAsync(host, visit: "sillim-welfare");
        var hub = await host.SignInOnceAsync("gwanak-hub.worker");

        var district = await ListAsync(hub, "?district=true");
        var get = await hub.GetAsync($"/api/tasks/{referral.VisitTaskId}", Ct);
        var claim = await hub.PostAsync($"/api/tasks/{referral.VisitTaskId}/claim", null, Ct);
        var byWorker = await (await host.SignInOnceAsync("nangok-dong.worker")).GetAsync("/api/tasks?district=true", Ct);

        Assert.Contains(referral.VisitTaskId, district.Select(Id));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, claim.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
    }

    [Fact]
    public async Task Filters_by_referral_workflow_and_dong()
    {
        var inNangok = await OpenReferralAsync(host, dong: "난곡동");
        var inSinsa = await OpenReferralAsync(host, dong: "신사동");
        var client = await host.SignInOnceAsync("nangok-dong.worker");

        var byReferral = await ListAsync(client, $"?referralId={inNangok.ReferralId}");
        var byDong = await ListAsync(client, $"?dong={Uri.EscapeDataString("신사동")}");
        var byWorkflow = await ListAsync(client, $"?workflowKey={WorkflowKey}&limit=200");
        var byOtherWorkflow = await ListAsync(client, "?workflowKey=no-such-workflow");

        Assert.Equal([inNangok.VisitTaskId], byReferral.Select(Id));
        Assert.Equal([inSinsa.VisitTaskId], byDong.Select(Id));
        Assert.Contains(inNangok.VisitTaskId, byWorkflow.Select(Id));
        Assert.Contains(inSinsa.VisitTaskId, byWorkflow.Select(Id));
        Assert.Empty(byOtherWorkflow);
    }
}
