using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Calendar;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// One recurring job per district (<c>digest:{district}</c>) at <c>Notifications:DigestTime</c> local time, every day; the
/// job itself skips weekends and the district's holidays. Idempotent: the same ids are updated in place.
/// </summary>
public sealed class DigestSchedule(ReferralFlowDbContext db, IRecurringJobManager jobs, IOptions<DigestOptions> options, KoreaTime korea)
{
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var districts = await db.Agencies.AsNoTracking().Select(a => a.District).Distinct().ToListAsync(cancellationToken);
        var cron = Cron(options.Value.DigestTime, korea.Offset);
        foreach (var district in districts)
        {
            jobs.AddOrUpdate<MorningDigest>($"digest:{district}", digest => digest.RunAsync(district, CancellationToken.None), cron);
        }

        return districts.Count;
    }

    /// <summary>A daily Hangfire cron (seconds field, UTC) for a local time of day.</summary>
    public static string Cron(TimeSpan local, TimeSpan utcOffset)
    {
        var utc = TimeSpan.FromTicks(((local - utcOffset).Ticks % TimeSpan.TicksPerDay + TimeSpan.TicksPerDay) % TimeSpan.TicksPerDay);
        return $"0 {utc.Minutes} {utc.Hours} * * *";
    }
}
