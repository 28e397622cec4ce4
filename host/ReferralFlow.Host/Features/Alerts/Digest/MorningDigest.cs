using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Administration.Settings;
using ReferralFlow.Host.Features.Calendar;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// The morning digest of one district, run on its working days at <c>Notifications:DigestTime</c> (local): one email per
/// active worker (and per shared mailbox that wants it) with counts and links only — new steps for their agency since
/// the previous working day's digest, steps due today, overdue steps (the agency's queue and their own), referrals
/// waiting for their consent or their closing decision. Nothing is sent to someone with nothing to read, nor to a
/// worker who chose "app only" for everything. Built from a few grouped queries whatever the number of steps; the key
/// <c>digest:{date}:{recipient}</c> makes a second run of the day send nothing.
/// </summary>
public sealed class MorningDigest(
    ReferralFlowDbContext db, WorkflowReadModel workflow, WorkflowJournal journal, DistrictSettingsStore settings, KoreaTime korea,
    IOptions<DigestOptions> options, TimeProvider time)
{
    public const string Template = "digest";

    private const int MaxLinks = 20;

    // No DisableConcurrentExecution (its lock outlives a crashed holder): the unique key per person and day makes a second
    // run of the day roll back and its retry send nothing twice.
    [AutomaticRetry(Attempts = 2)]
    public async Task<int> RunAsync(string district, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var today = korea.Date(now);
        var calendar = settings.Get(district).Calendar;
        if (!calendar.IsWorkingDay(today))
        {
            return 0;
        }

        var previous = today.AddDays(-1);
        for (var i = 0; i < 60 && !calendar.IsWorkingDay(previous); i++)
        {
            previous = previous.AddDays(-1);
        }

        var since = korea.FromLocal(previous.ToDateTime(TimeOnly.FromTimeSpan(options.Value.DigestTime)));
        var endOfDay = korea.FromLocal(today.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var counts = await DigestCounts.ReadAsync(db, workflow, district, since, now, endOfDay, MaxLinks, cancellationToken);
        var prefix = $"digest:{today:yyyy-MM-dd}:";
        var sent = (await workflow.Outbox.Where(m => m.IdempotencyKey.StartsWith(prefix)).Select(m => m.IdempotencyKey).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var queued = 0;
        foreach (var (recipient, digest) in counts.Recipients())
        {
            var key = prefix + recipient;
            if (digest.IsEmpty || !sent.Add(key))
            {
                continue;
            }

            var data = JsonSerializer.Serialize(digest with { Date = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, DigestData.Json);
            journal.EnqueuePlatformMessage(new PlatformMessageRequest(Template, Template, recipient, Template, key, data), now);
            queued++;
        }

        await journal.SaveAsync(cancellationToken);
        return queued;
    }
}

/// <summary><c>Notifications:DigestTime</c>: the local time of the morning digest (default 08:30).</summary>
public sealed class DigestOptions
{
    public TimeSpan DigestTime { get; set; } = new(8, 30, 0);
}
