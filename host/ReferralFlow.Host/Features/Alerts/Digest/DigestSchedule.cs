using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Calendar;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Jobs;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// One recurring job per district (<c>digest:{district}</c>) at <c>Notifications:DigestTime</c> local time, every day; the
/// job itself skips weekends and the district's holidays (read when it runs, so a holiday saved later needs nothing
/// here). Registered at start-up (a changed digest time takes effect with the restart that reads it) and when an agency
/// brings a new district — no polling job. Idempotent: the same ids are updated in place.
/// </summary>
public sealed class DigestSchedule(ReferralFlowDbContext db, IRecurringJobManager jobs, IOptions<DigestOptions> options, KoreaTime korea)
{
    /// <summary>Every district that has agencies.</summary>
    public async Task<int> RegisterAllAsync(CancellationToken cancellationToken)
    {
        var districts = await db.Agencies.AsNoTracking().Select(a => a.District).Distinct().ToListAsync(cancellationToken);
        foreach (var district in districts)
        {
            Register(district);
        }

        return districts.Count;
    }

    /// <summary>One district's job (its agency was just created or moved).</summary>
    public void Register(string district) =>
        jobs.AddOrUpdate<MorningDigest>(JobId(district), digest => digest.RunAsync(district, CancellationToken.None), Cron(options.Value.DigestTime, korea.Offset));

    public static string JobId(string district) => $"digest:{district}";

    /// <summary>A daily Hangfire cron (seconds field, UTC) for a local time of day.</summary>
    public static string Cron(TimeSpan local, TimeSpan utcOffset)
    {
        var utc = TimeSpan.FromTicks(((local - utcOffset).Ticks % TimeSpan.TicksPerDay + TimeSpan.TicksPerDay) % TimeSpan.TicksPerDay);
        return $"0 {utc.Minutes} {utc.Hours} * * *";
    }
}

/// <summary>Registers every district's digest job once the demo data and bootstrap agencies exist, on a host that runs jobs.</summary>
internal sealed class RegisterDigests : IStartupTask
{
    public int Order => 1000;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetRequiredService<JobsOptions>().Enabled)
        {
            await services.GetRequiredService<DigestSchedule>().RegisterAllAsync(cancellationToken);
        }
    }
}
