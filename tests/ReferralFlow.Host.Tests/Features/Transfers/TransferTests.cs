using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Transfers.TransferScenario;

namespace ReferralFlow.Host.Tests.Features.Transfers;

public sealed class TransferTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Accepted_transfer_moves_the_referral_to_the_other_district_with_its_history()
    {
        var (owner, id, instanceId) = await OpenAtSplitsAsync(host);
        var timelineBefore = await owner.GetAllItemsAsync($"/api/referrals/{id}/timeline");
        var transferId = await RequestedAsync(owner, id);
        var hub = await host.SignInAsync("dongjak-hub.worker");
        var incoming = await hub.GetAllItemsAsync("/api/transfers?direction=incoming&status=pending");
        var beforeAccept = await hub.GetAsync($"/api/referrals/{id}", Ct);

        var accepted = await AcceptAsync(hub, transferId);

        Assert.Contains(incoming, t => t.GetProperty("id").GetGuid() == transferId && t.GetProperty("canDecide").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, beforeAccept.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("\"2\"", accepted.Headers.ETag?.Tag);
        var newOwner = await host.SignInAsync("sangdo1-dong.worker");
        var referral = await newOwner.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct);
        Assert.Equal((Dongjak, "상도1동", "sangdo1-dong"), (referral.GetProperty("district").GetString(), referral.GetProperty("dong").GetString(),
            referral.GetProperty("publicOwnerAgency").GetProperty("id").GetString()));
        Assert.Equal("김순자", referral.GetProperty("household").GetProperty("name").GetString());
        Assert.Equal(7, referral.GetProperty("steps").GetArrayLength());
        var timeline = await newOwner.GetAllItemsAsync($"/api/referrals/{id}/timeline");
        Assert.True(timeline.Length > timelineBefore.Length);
        Assert.Contains(timeline, e => e.GetProperty("type").GetString() == "referral-transferred");
        Assert.Equal(timelineBefore.Length, timeline.Count(e => e.GetProperty("type").GetString() is not ("referral-transferred" or "transfer-requested")));
        var hubView = await hub.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct);
        Assert.Equal("김순자", hubView.GetProperty("household").GetProperty("name").GetString());

        // Open steps stay with their agencies; the step after them goes to the new district's welfare centre.
        foreach (var node in new[] { "Task_Cleaning", "Task_HealthCheck", "Task_Meals" })
        {
            await ReferralScenario.CompleteAsync(host, instanceId, node, []);
        }

        await using var scope = host.Factory.Services.CreateAsyncScope();
        var workflow = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var next = await workflow.Tasks.SingleAsync(t => t.InstanceId == instanceId && t.Status == WorkTaskStatus.Open, Ct);
        Assert.Equal(("Task_Monitoring", "dongjak-welfare"), (next.NodeId, next.AgencyId));
        var outbox = await workflow.Outbox.Where(m => m.InstanceId == instanceId && m.Type == "transfer").ToListAsync(Ct);
        Assert.Equal(["agency:nangok-dong", "agency:sangdo1-dong", "hub:동작구"], outbox.Select(m => m.To!).Order(StringComparer.Ordinal));
        Assert.All(outbox, m => Assert.DoesNotContain("김순자", m.DataJson!, StringComparison.Ordinal));
        Assert.All(outbox, m => Assert.DoesNotContain("전입신고", m.DataJson!, StringComparison.Ordinal));
        var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        var audit = await db.AuditLog.Where(a => a.ReferralId == id && a.Action == "referral.transfer-accepted").ToListAsync(Ct);
        Assert.Equal([Gwanak, Dongjak], audit.Select(a => a.District!).Order(StringComparer.Ordinal));
        var change = JsonDocument.Parse(audit[0].Detail!).RootElement;
        Assert.Equal(("nangok-dong", "sangdo1-dong"), (change.GetProperty("before").GetProperty("owner").GetString(), change.GetProperty("after").GetProperty("owner").GetString()));
    }

    [Fact]
    public async Task After_the_transfer_each_side_sees_exactly_what_it_should()
    {
        var (owner, id, _) = await OpenAtSplitsAsync(host);
        var transferId = await RequestedAsync(owner, id);
        Assert.Equal(HttpStatusCode.OK, (await AcceptAsync(await host.SignInAsync("dongjak-hub.worker"), transferId)).StatusCode);

        // The old owner keeps read access through the steps it worked on: no household data, nothing after them, no owner actions.
        var old = await owner.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct);
        Assert.False(old.TryGetProperty("household", out var household) && household.ValueKind != JsonValueKind.Null);
        Assert.All(old.GetProperty("steps").EnumerateArray(), s => Assert.NotEqual("Task_Monitoring", s.GetProperty("nodeId").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(owner, $"/api/referrals/{id}/close", new { outcomeCode = "moved" }, 2)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await RequestAsync(owner, id, 3, Gwanak)).StatusCode);

        // The old district's hub keeps reading the case through its case-conference step (its partner consent still shows it
        // the household it worked with) but oversees it no more; agencies without steps see nothing, before or after.
        var oldHub = await host.SignInAsync("gwanak-hub.worker");
        Assert.Equal(HttpStatusCode.OK, (await oldHub.GetAsync($"/api/referrals/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(oldHub, $"/api/referrals/{id}/close", new { outcomeCode = "moved" }, 3)).StatusCode);
        foreach (var login in new[] { "miseong-dong.worker", "nanhyang-dong.worker", "sinsa-dong.worker" })
        {
            var other = await host.SignInAsync(login);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/referrals/{id}", Ct)).StatusCode);
            Assert.DoesNotContain(await other.GetAllItemsAsync("/api/referrals"), r => r.GetProperty("id").GetGuid() == id);
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/transfers/{transferId}", Ct)).StatusCode);
        }

        // The new district's owner side has the whole case; its other agencies only what their steps give them.
        var dongjakHub = await host.SignInAsync("dongjak-hub.worker");
        Assert.Contains(await dongjakHub.GetAllItemsAsync("/api/referrals"), r => r.GetProperty("id").GetGuid() == id);
        var welfare = await host.SignInAsync("dongjak-welfare.worker");
        Assert.Equal(HttpStatusCode.NotFound, (await welfare.GetAsync($"/api/referrals/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await host.SignInAsync("noryangjin1-dong.worker")).GetAsync($"/api/referrals/{id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Declined_transfer_leaves_the_referral_as_it_was()
    {
        var (owner, id, _) = await OpenAtSplitsAsync(host);
        var transferId = await RequestedAsync(owner, id);
        var before = await owner.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct);
        var hub = await host.SignInAsync("dongjak-hub.worker");

        var declined = await DeclineAsync(hub, transferId);

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var transfer = await declined.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("declined", "not-resident"), (transfer.GetProperty("status").GetString(), transfer.GetProperty("declineReasonCode").GetString()));
        var after = await owner.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct);
        foreach (var field in new[] { "district", "dong", "publicOwnerAgency", "referringAgency", "participants", "steps", "household", "version" })
        {
            Assert.Equal(before.GetProperty(field).GetRawText(), after.GetProperty(field).GetRawText());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await hub.GetAsync($"/api/referrals/{id}", Ct)).StatusCode);
        var outgoing = await owner.GetAllItemsAsync("/api/transfers?direction=outgoing");
        Assert.Contains(outgoing, t => t.GetProperty("id").GetGuid() == transferId && t.GetProperty("status").GetString() == "declined");
        // Declined, the owner may ask again.
        Assert.Equal(HttpStatusCode.Created, (await RequestAsync(owner, id, after.GetProperty("version").GetInt32())).StatusCode);
    }

    [Fact]
    public async Task Requesting_accepting_or_declining_twice_is_409_and_a_stale_if_match_412()
    {
        var (owner, id, _) = await OpenAtSplitsAsync(host);
        var version = await VersionOfAsync(owner, id);
        var stale = await RequestAsync(owner, id, version + 5);
        var noVersion = await PostAsync(owner, $"/api/referrals/{id}/transfers", new { toDistrict = Dongjak, reasonCode = "moved" }, null);
        var first = await RequestAsync(owner, id, version);
        var second = await RequestAsync(owner, id, version + 1);
        var transferId = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var hub = await host.SignInAsync("dongjak-hub.worker");
        var staleAccept = await AcceptAsync(hub, transferId, version: 7);
        var accepted = await AcceptAsync(hub, transferId);
        var again = await AcceptAsync(hub, transferId, version: 2);
        var decline = await DeclineAsync(hub, transferId, version: 2);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionRequired, noVersion.StatusCode);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "transfer-pending"), (second.StatusCode, await CodeAsync(second)));
        Assert.Equal((HttpStatusCode.PreconditionFailed, "precondition-failed"), (staleAccept.StatusCode, await CodeAsync(staleAccept)));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal((HttpStatusCode.Conflict, "transfer-not-pending"), (again.StatusCode, await CodeAsync(again)));
        Assert.Equal((HttpStatusCode.Conflict, "transfer-not-pending"), (decline.StatusCode, await CodeAsync(decline)));
    }

    [Fact]
    public async Task Only_the_owner_side_requests_and_only_the_receiving_hub_decides()
    {
        var (owner, id, _) = await OpenAtSplitsAsync(host);
        var version = await VersionOfAsync(owner, id);
        var dongjakWorker = await host.SignInAsync("sangdo1-dong.worker");
        var welfare = await host.SignInAsync("sillim-welfare.worker");

        Assert.Equal(HttpStatusCode.NotFound, (await RequestAsync(dongjakWorker, id, version)).StatusCode);
        var partner = await RequestAsync(welfare, id, version);
        Assert.Equal((HttpStatusCode.Forbidden, "transfer-forbidden"), (partner.StatusCode, await CodeAsync(partner)));
        var own = await RequestAsync(owner, id, version, Gwanak);
        Assert.Equal(HttpStatusCode.BadRequest, own.StatusCode);
        Assert.Equal(["toDistrict"], ReferralScenario.ErrorFields(await own.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        var badReason = await PostAsync(owner, $"/api/referrals/{id}/transfers", new { toDistrict = Dongjak, reasonCode = "bored" }, version);
        Assert.Equal(["reasonCode"], ReferralScenario.ErrorFields(await badReason.Content.ReadFromJsonAsync<JsonElement>(Ct)));

        var transferId = await RequestedAsync(owner, id);
        var ownDecision = await AcceptAsync(owner, transferId, "nangok-dong");
        Assert.Equal((HttpStatusCode.Forbidden, "transfer-decide-forbidden"), (ownDecision.StatusCode, await CodeAsync(ownDecision)));
        Assert.Equal(HttpStatusCode.NotFound, (await AcceptAsync(dongjakWorker, transferId)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await DeclineAsync(welfare, transferId)).StatusCode);
        var hub = await host.SignInAsync("dongjak-hub.worker");
        var notOwner = await AcceptAsync(hub, transferId, "dongjak-welfare");
        Assert.Equal(["ownerAgencyId"], ReferralScenario.ErrorFields(await notOwner.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        var otherDistrict = await AcceptAsync(hub, transferId, "nangok-dong");
        Assert.Equal(["ownerAgencyId"], ReferralScenario.ErrorFields(await otherDistrict.Content.ReadFromJsonAsync<JsonElement>(Ct)));
    }
}
