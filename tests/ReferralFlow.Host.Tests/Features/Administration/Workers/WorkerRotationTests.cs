using System.Net;
using System.Net.Http.Json;
using ReferralFlow.Host.Features.Administration;
using ReferralFlow.Host.Tests.Features.Auth;
using ReferralFlow.Host.Tests.Infrastructure;
using static ReferralFlow.Host.Tests.Features.Administration.AdminTestData;
using static ReferralFlow.Host.Tests.Features.Tasks.TaskTestData;

namespace ReferralFlow.Host.Tests.Features.Administration.Workers;

/// <summary>
/// Moving or deactivating a worker returns the steps they claimed to the agency queue (history kept, supervisors told)
/// in the same transaction, and their tokens stop working at once.
/// </summary>
public sealed class WorkerRotationTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Moving_a_worker_returns_their_claimed_step_to_the_queue_and_their_token_gets_401_at_once()
    {
        var (worker, referral, client) = await ClaimedStepAsync();
        var admin = await host.SignInOnceAsync(GwanakAdmin);

        var moved = await admin.PostAsJsonAsync($"/api/admin/workers/{worker}/move", new { agencyId = "miseong-dong" }, Ct);
        var result = await moved.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(1, result.GetProperty("returnedTasks").GetInt32());
        Assert.Equal("miseong-dong", result.GetProperty("worker").GetProperty("agencyId").GetString());
        Assert.Null((await TaskRowAsync(host, referral.VisitTaskId)).Assignee);
        Assert.Single(await TimelineAsync(host, referral.InstanceId, "task-handed-over"));
        Assert.Contains(await OutboxAsync(host, AdminMessages.TaskReturnedTemplate), m => m.InstanceId == referral.InstanceId && m.To == "supervisors:nangok-dong");
        Assert.Equal(HttpStatusCode.Unauthorized, await AuthTestData.MeAsync(client));
    }

    [Fact]
    public async Task Deactivating_a_worker_returns_their_claimed_step_ends_their_sessions_and_refuses_their_sign_in()
    {
        var (worker, referral, client) = await ClaimedStepAsync();
        var admin = await host.SignInOnceAsync(GwanakAdmin);

        var deactivated = await admin.PostAsync($"/api/admin/workers/{worker}/deactivate", null, Ct);
        var again = await admin.PostAsync($"/api/admin/workers/{worker}/deactivate", null, Ct);

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Null((await TaskRowAsync(host, referral.VisitTaskId)).Assignee);
        Assert.Single(await TimelineAsync(host, referral.InstanceId, "task-handed-over"));
        Assert.Equal(HttpStatusCode.Unauthorized, await AuthTestData.MeAsync(client));
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthTestData.LoginAsync(host.Anonymous(), await EmailAsync(worker), AuthTestData.Password)).StatusCode);
    }

    [Fact]
    public async Task Locking_ends_the_sessions_but_keeps_the_claimed_step_and_unlocking_lets_the_worker_back_in()
    {
        var (worker, referral, client) = await ClaimedStepAsync();
        var admin = await host.SignInOnceAsync(GwanakAdmin);

        var locked = await admin.PostAsync($"/api/admin/workers/{worker}/lock", null, Ct);
        var refused = await AuthTestData.LoginAsync(host.Anonymous(), await EmailAsync(worker), AuthTestData.Password);
        var unlocked = await admin.PostAsync($"/api/admin/workers/{worker}/unlock", null, Ct);
        var back = await AuthTestData.LoginAsync(host.Anonymous(), await EmailAsync(worker), AuthTestData.Password);

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await AuthTestData.MeAsync(client));
        Assert.Equal(worker.ToString(), (await TaskRowAsync(host, referral.VisitTaskId)).Assignee);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    // A fresh 난곡동 worker who has claimed the visit step of a new referral, and their signed-in client.
    private async Task<(Guid Worker, Opened Referral, HttpClient Client)> ClaimedStepAsync()
    {
        var (id, email) = await AuthTestData.CreateWorkerAsync(host);
        var (access, _) = await AuthTestData.TokensAsync(host, email);
        var client = AuthTestData.Bearer(host, access);
        var referral = await OpenReferralAsync(host);
        (await client.PostAsync($"/api/tasks/{referral.VisitTaskId}/claim", null, Ct)).EnsureSuccessStatusCode();
        return (id, referral, client);
    }

    private async Task<string> EmailAsync(Guid worker)
    {
        var admin = await host.SignInOnceAsync(GwanakAdmin);
        return (await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/admin/workers/{worker}", Ct)).GetProperty("email").GetString()!;
    }
}
