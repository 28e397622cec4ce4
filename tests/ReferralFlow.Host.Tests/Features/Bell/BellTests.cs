using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Bell;
using ReferralFlow.Host.Tests.Features.Alerts;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Features.Tasks;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Bell;

/// <summary>
/// The in-app bell: a split's new steps reach each agency's workers with the referral number and a link (no household
/// data), unread counts fall as entries are read, other people's entries are not found, deactivated workers get none,
/// and entries older than 90 days are deleted.
/// </summary>
public sealed class BellTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_split_puts_each_agencys_new_step_in_its_workers_bell()
    {
        var owner = await host.SignInOnceAsync("nangok-dong.worker");
        var opened = await ReferralScenario.OpenAsync(owner);
        var (id, number) = (opened.GetProperty("id").GetGuid(), opened.GetProperty("number").GetString()!);
        var instanceId = ReferralScenario.InstanceIdOf(host, id);

        await AlertScenario.DriveToSplitsAsync(host, instanceId);

        foreach (var (login, node) in new[] { ("gwanak-health.worker", "Task_HealthCheck"), ("gwanak-cleaning.worker", "Task_Cleaning"), ("nanum-joy.worker", "Task_Meals") })
        {
            var worker = await host.SignInOnceAsync(login);
            var taskId = await AlertScenario.OpenTaskAsync(host, instanceId, node);
            var bell = await worker.GetFromJsonAsync<JsonElement>("/api/notifications?unread=true", Ct);
            Assert.True(bell.GetProperty("total").GetInt32() >= 1, login);
            var entry = Assert.Single(bell.GetProperty("items").EnumerateArray(), e => e.GetProperty("taskId").GetGuid() == taskId);
            Assert.Equal("new-step", entry.GetProperty("kind").GetString());
            Assert.Equal(number, entry.GetProperty("referralNumber").GetString());
            Assert.Equal($"/tasks/{taskId}", entry.GetProperty("link").GetString());
            Assert.DoesNotContain(AlertScenario.Household, p => entry.GetRawText().Contains(p, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Reading_an_entry_lowers_the_unread_count_and_someone_elses_entry_is_not_found()
    {
        var owner = await host.SignInOnceAsync("nangok-dong.worker");
        await ReferralScenario.OpenAsync(owner);
        await ReferralScenario.OpenAsync(owner);
        var supervisor = await host.SignInOnceAsync("nangok-dong.supervisor");
        var before = await supervisor.GetFromJsonAsync<JsonElement>("/api/notifications?unread=true", Ct);
        var unread = before.GetProperty("total").GetInt32();
        Assert.True(unread >= 2);
        var first = before.GetProperty("items")[0].GetProperty("id").GetGuid();

        var read = await supervisor.PostAsync($"/api/notifications/{first}/read", null, Ct);
        read.EnsureSuccessStatusCode();
        Assert.Equal(unread - 1, (await read.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("unread").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsync($"/api/notifications/{first}/read", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsync($"/api/notifications/{Guid.NewGuid()}/read", null, Ct)).StatusCode);

        (await supervisor.PostAsync("/api/notifications/read-all", null, Ct)).EnsureSuccessStatusCode();
        var after = await supervisor.GetFromJsonAsync<JsonElement>("/api/notifications", Ct);
        Assert.Equal(0, after.GetProperty("total").GetInt32());
        Assert.All(after.GetProperty("items").EnumerateArray(), e => Assert.NotEqual(JsonValueKind.Null, e.GetProperty("readAt").ValueKind));
    }

    [Fact]
    public async Task A_deactivated_worker_gets_no_bell_entry()
    {
        var leaver = await AlertScenario.UserIdAsync(host, "gwanak-cleaning.supervisor");
        var colleague = await AlertScenario.UserIdAsync(host, "gwanak-cleaning.worker");
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().Users.Where(u => u.Id == leaver)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false), Ct);
        }

        var owner = await host.SignInOnceAsync("nangok-dong.worker");
        var instanceId = ReferralScenario.InstanceIdOf(host, (await ReferralScenario.OpenAsync(owner)).GetProperty("id").GetGuid());
        await AlertScenario.DriveToSplitsAsync(host, instanceId);
        var cleaning = await AlertScenario.OpenTaskAsync(host, instanceId, "Task_Cleaning");

        await using var check = host.Factory.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        Assert.True(await db.UserNotifications.AnyAsync(n => n.UserId == colleague && n.TaskRowId == cleaning, Ct));
        Assert.False(await db.UserNotifications.AnyAsync(n => n.UserId == leaver && n.TaskRowId == cleaning, Ct));
        Assert.False(await db.PendingAlerts.AnyAsync(a => a.Recipient == $"user:{leaver}" && a.TaskRowId == cleaning, Ct));
    }

    [Fact]
    public async Task Entries_older_than_90_days_are_deleted_by_the_daily_job()
    {
        var user = await AlertScenario.UserIdAsync(host, "jowon-dong.worker");
        var now = host.Clock.GetUtcNow();
        Guid old = Guid.NewGuid(), recent = Guid.NewGuid();
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        db.UserNotifications.AddRange(
            new UserNotification { Id = old, UserId = user, Kind = NotificationKind.NewStep, CreatedAt = now.AddDays(-91) },
            new UserNotification { Id = recent, UserId = user, Kind = NotificationKind.NewStep, CreatedAt = now.AddDays(-89) });
        await db.SaveChangesAsync(Ct);

        await scope.ServiceProvider.GetRequiredService<BellRetention>().RunAsync(Ct);

        Assert.Equal([recent], await db.UserNotifications.Where(n => n.UserId == user).Select(n => n.Id).ToListAsync(Ct));
    }
}
