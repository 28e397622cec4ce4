using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using netDumbster.smtp;
using ReferralFlow.Host.Tests.Infrastructure;
using static ReferralFlow.Host.Tests.Features.Escalation.EscalationScenario;

namespace ReferralFlow.Host.Tests.Features.Escalation;

/// <summary>Host processes (each its own WebApplicationFactory) sharing one PostgreSQL database.</summary>
[Collection(JobsCollection.Name)]
public sealed class MultiProcessTests(PostgresClusterFixture cluster)
{
    private static WebApplicationFactory<Program> Process(string connectionString, FakeTimeProvider clock, int? smtpPort, bool jobs = true) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:ReferralFlow", connectionString);
            builder.UseSetting("Demo:Seed", "true");
            builder.UseSetting("Jobs:Enabled", "false");
            if (smtpPort is { } port)
            {
                JobsHostFixture.UseFastJobs(builder, port);
                builder.UseSetting("Jobs:Enabled", jobs ? "true" : "false");
            }

            builder.ConfigureServices(s =>
            {
                s.RemoveAll<TimeProvider>();
                s.AddSingleton<TimeProvider>(clock);
            });
        });

    [Fact]
    public async Task A_task_committed_before_a_crash_still_escalates_after_restart_exactly_once()
    {
        using var smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        var connectionString = await cluster.Server.CreateDatabaseAsync($"crash_{Guid.NewGuid():N}", TestContext.Current.CancellationToken);
        var clock = new FakeTimeProvider(HostFixture.T0);
        string number;
        await using (var beforeCrash = Process(connectionString, clock, smtpPort: null))
        {
            (number, _) = await OpenAsync(beforeCrash.Services, clock.GetUtcNow());
        }

        clock.Advance(TimeSpan.FromHours(1));
        await using var afterRestart = Process(connectionString, clock, smtp.Configuration.Port);
        _ = afterRestart.Server;

        await WaitUntilAsync(() => MessagesAbout(smtp, number).Count >= 1, "the level-1 escalation after restart");
        // The clock stays put: level 2 falls due 10 s later.
        await OutboxDrainedAsync(afterRestart.Services);
        Assert.Single(MessagesAbout(smtp, number));
    }

    [Fact]
    public async Task Two_processes_deliver_every_escalation_level_exactly_once_per_recipient()
    {
        using var smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        var connectionString = await cluster.Server.CreateDatabaseAsync($"two_{Guid.NewGuid():N}", TestContext.Current.CancellationToken);
        var clock = new FakeTimeProvider(HostFixture.T0);
        var numbers = new List<string>();
        // Opened before the senders start: OpenAsync commits the instance (and its step mail) before the referral row,
        // which a running dispatcher could find missing and fail the mail for good (CI saw it once).
        await using (var opener = Process(connectionString, clock, smtp.Configuration.Port, jobs: false))
        {
            for (var i = 0; i < 25; i++)
            {
                numbers.Add((await OpenAsync(opener.Services, clock.GetUtcNow())).Number);
            }
        }

        await using var first = Process(connectionString, clock, smtp.Configuration.Port);
        _ = first.Server;
        await using var second = Process(connectionString, clock, smtp.Configuration.Port);
        _ = second.Server;

        clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(25));

        // Every level is due now, so the clock may move on with real time while the processes work.
        await WaitUntilAsync(() => numbers.Sum(n => MessagesAbout(smtp, n).Count) >= numbers.Count * 4, "every level of every referral", seconds: 90, clock: clock);
        await OutboxDrainedAsync(first.Services, clock);
        foreach (var number in numbers)
        {
            var recipients = MessagesAbout(smtp, number).Select(Recipients).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(["gwanak-hub@demo.referralflow.kr", "nangok-dong.supervisor@demo.referralflow.kr", "nangok-dong@demo.referralflow.kr", "nangok-dong@demo.referralflow.kr"], recipients);
        }
    }
}
