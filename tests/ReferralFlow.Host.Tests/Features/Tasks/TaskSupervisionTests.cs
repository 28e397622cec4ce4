using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Tasks.TaskTestData;

namespace ReferralFlow.Host.Tests.Features.Tasks;

/// <summary>Reassigning, returning to the referrer, and handing over a leaving worker's tasks.</summary>
public sealed class TaskSupervisionTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reassign_by_a_worker_gets_403_and_a_supervisor_gives_the_task_to_a_colleague()
    {
        var referral = await OpenReferralAsync(host);
        var colleagueId = await UserIdAsync(host, "nangok-dong.worker2");
        var body = new { assigneeId = colleagueId, reason = "Covers 난곡동 this week." };

        var byWorker = await (await host.SignInOnceAsync("nangok-dong.worker")).PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/reassign", body, Ct);
        var bySupervisor = await (await host.SignInOnceAsync("nangok-dong.supervisor")).PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/reassign", body, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bySupervisor.StatusCode);
        Assert.Equal(colleagueId.ToString(), (await TaskRowAsync(host, referral.VisitTaskId)).Assignee);
        var row = Assert.Single(await TimelineAsync(host, referral.InstanceId, "task-reassigned"));
        Assert.Equal((await UserIdAsync(host, "nangok-dong.supervisor")).ToString(), row.Actor);
        Assert.Contains("Covers", row.DataJson, StringComparison.Ordinal);
        Assert.Single(await AuditAsync(host, referral.ReferralId, "task.reassigned"));
    }

    [Fact]
    public async Task Reassign_needs_a_reason_and_an_active_worker_of_the_agency()
    {
        var referral = await OpenReferralAsync(host);
        var supervisor = await host.SignInOnceAsync("nangok-dong.supervisor");
        var outsiderId = await UserIdAsync(host, "sillim-welfare.worker");

        var noReason = await supervisor.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/reassign", new { assigneeId = outsiderId }, Ct);
        var outsider = await supervisor.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/reassign", new { assigneeId = outsiderId, reason = "x" }, Ct);
        var otherAgency = await supervisor.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/reassign", new { agencyId = "sillim-welfare", reason = "x" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("reason", await ErrorKeysAsync(noReason));
        Assert.Equal(HttpStatusCode.BadRequest, outsider.StatusCode);
        Assert.Contains("assigneeId", await ErrorKeysAsync(outsider));
        Assert.Equal(HttpStatusCode.Forbidden, otherAgency.StatusCode);
    }

    [Fact]
    public async Task District_hub_moves_a_task_to_another_agency_of_the_district()
    {
        var referral = await OpenReferralAsync(host, visit: "sillim-welfare");
        var hub = await host.SignInOnceAsync("gwanak-hub.worker");

        var moved = await hub.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/reassign", new { agencyId = "nanum-joy", reason = "Volunteer team visits." }, Ct);
        var unknown = await hub.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/reassign", new { agencyId = "no-such-agency", reason = "x" }, Ct);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var row = await TaskRowAsync(host, referral.VisitTaskId);
        Assert.Equal("nanum-joy", row.AgencyId);
        Assert.Null(row.Assignee);
        var volunteer = await host.SignInOnceAsync("nanum-joy.worker");
        Assert.Contains(referral.VisitTaskId, (await ListAsync(volunteer, "?queue=true")).Select(Id));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("agencyId", await ErrorKeysAsync(unknown));

        // The new agency takes part in the referral in the step's role, beside the agency that held it; the consent
        // did not name it, so it reads the case without the household's data.
        var read = await volunteer.GetFromJsonAsync<JsonElement>($"/api/referrals/{referral.ReferralId}", Ct);
        Assert.True(read.GetProperty("householdRestricted").GetBoolean());
        var visitRole = read.GetProperty("participants").EnumerateArray()
            .Where(p => p.GetProperty("role").GetString() == "visit").Select(p => p.GetProperty("agencyId").GetString()).Order();
        Assert.Equal(["nanum-joy", "sillim-welfare"], visitRole);
    }

    [Fact]
    public async Task Return_needs_a_reason_and_sends_the_open_task_to_the_referring_agency()
    {
        var referral = await OpenReferralAsync(host, visit: "sillim-welfare", referrer: "nangok-dong");
        var welfare = await host.SignInOnceAsync("sillim-welfare.worker");
        (await welfare.PostAsync($"/api/tasks/{referral.VisitTaskId}/claim", null, Ct)).EnsureSuccessStatusCode();

        var noReason = await welfare.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/return", new { reason = " " }, Ct);
        var returned = await welfare.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/return", new { reason = "The household refused the visit." }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(["reason"], await ErrorKeysAsync(noReason));
        Assert.Equal(HttpStatusCode.OK, returned.StatusCode);
        var row = await TaskRowAsync(host, referral.VisitTaskId);
        Assert.Equal(WorkTaskStatus.Open, row.Status);
        Assert.Equal("nangok-dong", row.AgencyId);
        Assert.Null(row.Assignee);
        Assert.Contains(referral.VisitTaskId, (await ListAsync(await host.SignInOnceAsync("nangok-dong.worker"), "?queue=true")).Select(Id));
        Assert.Equal(HttpStatusCode.NotFound, (await welfare.GetAsync($"/api/tasks/{referral.VisitTaskId}", Ct)).StatusCode);
        var timeline = Assert.Single(await TimelineAsync(host, referral.InstanceId, "task-returned"));
        Assert.Contains("refused", timeline.DataJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handover_returns_a_leaving_workers_open_tasks_to_the_queue_or_to_a_colleague()
    {
        var first = await OpenReferralAsync(host, visit: "gwanak-health");
        var second = await OpenReferralAsync(host, visit: "gwanak-health");
        var leaving = await host.SignInOnceAsync("gwanak-health.worker");
        (await leaving.PostAsync($"/api/tasks/{first.VisitTaskId}/claim", null, Ct)).EnsureSuccessStatusCode();
        (await leaving.PostAsync($"/api/tasks/{second.VisitTaskId}/claim", null, Ct)).EnsureSuccessStatusCode();
        var leavingId = await UserIdAsync(host, "gwanak-health.worker");
        var supervisorId = await UserIdAsync(host, "gwanak-health.supervisor");
        var supervisor = await host.SignInOnceAsync("gwanak-health.supervisor");

        var byWorker = await leaving.PostAsJsonAsync("/api/tasks/handover", new { fromUserId = leavingId }, Ct);
        var toQueue = await supervisor.PostAsJsonAsync("/api/tasks/handover", new { fromUserId = leavingId, reason = "Rotated to another office." }, Ct);
        var result = await toQueue.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Equal(HttpStatusCode.OK, toQueue.StatusCode);
        Assert.Equal(2, result.GetProperty("count").GetInt32());
        Assert.Null((await TaskRowAsync(host, first.VisitTaskId)).Assignee);
        Assert.Null((await TaskRowAsync(host, second.VisitTaskId)).Assignee);
        Assert.Single(await TimelineAsync(host, first.InstanceId, "task-handed-over"));
        Assert.Single(await TimelineAsync(host, second.InstanceId, "task-handed-over"));

        (await leaving.PostAsync($"/api/tasks/{first.VisitTaskId}/claim", null, Ct)).EnsureSuccessStatusCode();
        var toColleague = await supervisor.PostAsJsonAsync("/api/tasks/handover", new { fromUserId = leavingId, toUserId = supervisorId }, Ct);

        Assert.Equal(HttpStatusCode.OK, toColleague.StatusCode);
        Assert.Equal(supervisorId.ToString(), (await TaskRowAsync(host, first.VisitTaskId)).Assignee);
    }
}
