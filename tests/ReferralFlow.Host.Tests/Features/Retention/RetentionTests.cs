using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Retention;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Tests.Features.Retention;

public sealed class RetentionTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Personal_data_of_a_closed_referral_is_destroyed_when_its_retention_ends_and_the_rest_stays()
    {
        var worker = await host.SignInAsync("nangok-dong.worker");
        var referral = await ReferralScenario.OpenAsync(worker);
        var id = referral.GetProperty("id").GetGuid();
        (await worker.PostAsJsonAsync($"/api/referrals/{id}/notes", new { text = "김순자 님 댁 방문, 010-1234-5678" }, Ct)).EnsureSuccessStatusCode();
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
            var row = await db.Referrals.SingleAsync(r => r.Id == id, Ct);
            row.ClosedAt = host.Clock.GetUtcNow();
            await db.SaveChangesAsync(Ct);
        }

        host.Clock.Advance(TimeSpan.FromDays(365 * 5 + 2));
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(Ct));
        }

        await using var check = host.Factory.Services.CreateAsyncScope();
        var hostDb = check.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        var anonymised = await hostDb.Referrals.AsNoTracking().Include(r => r.Consents).SingleAsync(r => r.Id == id, Ct);
        Assert.Equal((RetentionSweep.Anonymised, (string?)null, (string?)null, (DateOnly?)null),
            (anonymised.Household.Name, anonymised.Household.Address, anonymised.Household.Phone, anonymised.Household.BirthDate));
        Assert.All(anonymised.Consents, c => Assert.Equal(RetentionSweep.Anonymised, c.ConsentedBy));
        Assert.All(await hostDb.ReferralNotes.Where(n => n.ReferralId == id).ToListAsync(Ct), n => Assert.Equal(RetentionSweep.Anonymised, n.Text));
        Assert.Equal(anonymised.Number, referral.GetProperty("number").GetString());
        var workflow = check.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        Assert.NotEmpty(await workflow.Tasks.Where(t => t.InstanceId == anonymised.InstanceId).ToListAsync(Ct));
        Assert.All(await workflow.Timeline.Where(e => e.InstanceId == anonymised.InstanceId).ToListAsync(Ct), e => Assert.Null(e.DataJson));
        Assert.Contains(await hostDb.AuditLog.Where(a => a.ReferralId == id).Select(a => a.Action).ToListAsync(Ct), a => a == "referral.anonymised");
    }

    [Fact]
    public async Task After_the_sweep_no_copy_of_the_households_data_is_left_anywhere_in_the_database()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (name, phone, address, birthDate) = ($"박말순{tag}", $"010-{tag[..4]}-9{tag[4..]}7", $"관악구 신림로 {tag} 나동", "1941-07-19");
        var worker = await host.SignInAsync("nangok-dong.worker");
        var admin = await host.SignInAsync("gwanak-hub.admin");
        var body = ReferralScenario.Body(address);
        body["household"]!["name"] = name;
        body["household"]!["phone"] = phone;
        body["household"]!["birthDate"] = birthDate;
        body["consent"]!["consentedBy"] = name;
        body["consent"]!["relationship"] = $"{name}의 딸";
        body["variables"] = new JsonObject { ["contact"] = phone, ["who"] = name };
        var referral = await ReferralScenario.OpenAsync(worker, body);
        var id = referral.GetProperty("id").GetGuid();
        var instanceId = ReferralScenario.InstanceIdOf(host, id);
        (await worker.PostAsJsonAsync($"/api/referrals/{id}/notes", new { text = $"{name} 님 댁 방문, {phone}" }, Ct)).EnsureSuccessStatusCode();
        await ReferralScenario.CompleteAsync(host, instanceId, "Task_AssignCase",
            new() { ["reportSource"] = "neighbor", ["reportSummary"] = $"{address} 적치물, {name} 님 {birthDate}생", ["urgentSafetyRisk"] = false });
        var open = await OpenTaskIdsAsync(instanceId);
        var repair = await admin.PostAsJsonAsync($"/api/repair/referrals/{id}/steps/{open[0]}/cancel", new { reason = $"{name} 님 요청으로 건너뜀" }, Ct);
        Assert.Equal(HttpStatusCode.OK, repair.StatusCode);
        var reasons = (await OpenTaskIdsAsync(instanceId)).ToDictionary(t => t.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => $"{address} 방문 불가");
        var close = await worker.PostAsJsonAsync($"/api/referrals/{id}/close",
            new { outcomeCode = "resolved", outcome = $"{name} 님({phone}) 청소 완료", reasons, version = await RevisionAsync(id) }, Ct);
        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        string[] personal = [name, phone, address, birthDate];
        Assert.NotEmpty(await DatabaseSearch.FindAsync(host.ConnectionString, personal, Ct));

        host.Clock.Advance(TimeSpan.FromDays(365 * 5 + 2));
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(Ct);
        }

        Assert.Empty(await DatabaseSearch.FindAsync(host.ConnectionString, personal, Ct));
        await using var check = host.Factory.Services.CreateAsyncScope();
        var audit = await check.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().AuditLog.AsNoTracking()
            .Where(a => a.ReferralId == id && a.Action == "repair.skip-step").SingleAsync(Ct);
        Assert.Equal($"task {open[0]}; reason: {RetentionSweep.Anonymised}", audit.Detail);
    }

    [Fact]
    public async Task An_open_referral_without_activity_for_the_retention_period_is_flagged_to_the_district_hub_once()
    {
        var worker = await host.SignInAsync("nangok-dong.worker");
        var quiet = (await ReferralScenario.OpenAsync(worker)).GetProperty("id").GetGuid();
        var active = (await ReferralScenario.OpenAsync(worker)).GetProperty("id").GetGuid();
        host.Clock.Advance(TimeSpan.FromDays(365 * 5));
        worker = await host.SignInAsync("nangok-dong.worker");
        (await worker.PostAsJsonAsync($"/api/referrals/{active}/notes", new { text = "아직 진행 중" }, Ct)).EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromDays(3));

        for (var run = 0; run < 2; run++)
        {
            await using var scope = host.Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync(Ct);
        }

        await using var check = host.Factory.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        var flagged = await db.AuditLog.AsNoTracking().Where(a => a.Action == DormantReferralReview.AuditAction).Select(a => a.ReferralId).ToListAsync(Ct);
        Assert.Equal(1, flagged.Count(r => r == quiet));
        Assert.DoesNotContain(active, flagged);
        var instanceId = ReferralScenario.InstanceIdOf(host, quiet);
        var message = await check.ServiceProvider.GetRequiredService<WorkflowDbContext>().Outbox.AsNoTracking()
            .SingleAsync(m => m.InstanceId == instanceId && m.Template == DormantReferralReview.Template, Ct);
        Assert.Equal("hub:관악구", message.To);
        var (subject, _) = ReferralFlow.Host.Features.Notifications.MessageTemplates.Render(message.Template, message.DataJson, "ko", "http://x", host.Clock.GetUtcNow(), null, TimeSpan.FromHours(9));
        Assert.Contains("종결 검토", subject, StringComparison.Ordinal);
        Assert.Null((await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == quiet, Ct)).ClosedAt);
    }

    private async Task<List<int>> OpenTaskIdsAsync(Guid instanceId)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Tasks.AsNoTracking()
            .Where(t => t.InstanceId == instanceId && t.Status == WorkTaskStatus.Open).OrderBy(t => t.TaskId).Select(t => t.TaskId).ToListAsync(Ct);
    }

    private async Task<int> RevisionAsync(Guid id)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().Referrals.Where(r => r.Id == id).Select(r => r.Revision).SingleAsync(Ct);
    }
}
