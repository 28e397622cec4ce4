using System.Diagnostics;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReferralFlow.Benchmarks.Scale;
using ReferralFlow.Benchmarks.Store;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Administration.Settings;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Host.Features.Calendar;
using ReferralFlow.Testing;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Benchmarks.Alerts;

/// <summary>
/// Issue 17: the morning digest of a district with N open steps. Seeds N open steps (one per referral) over the demo
/// district's ten agencies and their workers by binary COPY (<see cref="ScaleSeed"/>) on a throwaway cluster, sets the
/// host's clock to the next working day at the digest time, then runs the real <see cref="MorningDigest"/> a few times
/// (removing the digests it queued in between) and prints the build time, the mails queued and the SQL round trips.
/// </summary>
internal static class DigestLoad
{
    public static async Task<int> RunAsync(int steps, int runs)
    {
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync($"digest_{steps}_{Guid.NewGuid():N}");
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        var roundTrips = new RoundTripCounter();
        await using var host = ScaleHost.Start(connectionString, b => b.ConfigureTestServices(s =>
        {
            s.RemoveAll<TimeProvider>();
            s.AddSingleton<TimeProvider>(clock);
            s.ConfigureDbContext<ReferralFlowDbContext>(o => o.AddInterceptors(roundTrips));
            s.ConfigureDbContext<WorkflowDbContext>(o => o.AddInterceptors(roundTrips));
        }));
        Console.WriteLine($"seeding {steps:N0} open steps in {ScaleTemplate.District}");
        await ScaleSeed.RunAsync(host.Services, connectionString, new ScaleOptions(steps, 0, null, 1));
        clock.Now = NextDigest(host.Services);
        Console.WriteLine($"digest of {ScaleTemplate.District} at {clock.Now.ToOffset(TimeSpan.FromHours(9)):yyyy-MM-dd HH:mm} KST:");
        for (var run = 1; run <= runs; run++)
        {
            await using var scope = host.Services.CreateAsyncScope();
            var before = roundTrips.Count;
            var watch = Stopwatch.StartNew();
            var mails = await scope.ServiceProvider.GetRequiredService<MorningDigest>().RunAsync(ScaleTemplate.District, CancellationToken.None);
            var elapsed = watch.Elapsed;
            var statements = roundTrips.Count - before;
            Console.WriteLine($"  run {run}: built in {elapsed.TotalMilliseconds:F0} ms, {mails} mails queued, {statements} SQL round trips");
            await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Outbox.Where(m => m.Template == MorningDigest.Template).ExecuteDeleteAsync();
        }

        return 0;
    }

    // 08:30 KST (Notifications:DigestTime) on the next working day of the district after today.
    private static DateTimeOffset NextDigest(IServiceProvider services)
    {
        var korea = services.GetRequiredService<KoreaTime>();
        var calendar = services.GetRequiredService<DistrictSettingsStore>().Get(ScaleTemplate.District).Calendar;
        var day = korea.Date(DateTimeOffset.UtcNow).AddDays(1);
        while (!calendar.IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return korea.FromLocal(day.ToDateTime(new TimeOnly(8, 30)));
    }

    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
