using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Benchmarks.Escalation;

/// <summary>
/// End-to-end escalation latency and throughput: the real host (Hangfire server with the production settings, real
/// clock) opens N referrals whose step falls due 15 s after opening — all at once, or paced so that the due times are
/// spread over a window as in issue 18 ("1,000 referrals whose first step falls due within about 16 seconds") — and a
/// real SMTP server on loopback records when each of the 4 messages per referral (3 levels) arrives.
/// </summary>
internal static partial class EscalationLoad
{
    private const string Bpmn = """
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:rf="http://referralflow.org/schema/bpmn/1.0" id="d" targetNamespace="t">
          <bpmn:process id="escalation-load" isExecutable="true">
            <bpmn:startEvent id="start"/><bpmn:userTask id="visit" name="가정방문" rf:role="dong" rf:due="PT15S" rf:escalation="load"/><bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="visit"/><bpmn:sequenceFlow id="f2" sourceRef="visit" targetRef="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    internal static readonly TimeSpan Due = TimeSpan.FromSeconds(15);

    /// <param name="provider">postgres or sqlite.</param>
    /// <param name="referrals">How many referrals (4 escalation mails each).</param>
    /// <param name="spread">Opening is paced so that the due times spread evenly over this window (zero: as fast as possible).</param>
    /// <param name="levelOffsets">When levels 1–3 fall due after the step's deadline.</param>
    /// <param name="warmUp">Referrals run first, unmeasured.</param>
    public static async Task<int> RunAsync(string provider, int referrals, TimeSpan spread, TimeSpan[] levelOffsets, int warmUp) =>
        (await MeasureAsync(provider, referrals, spread, levelOffsets, warmUp)).Lost == 0 ? 0 : 1;

    /// <summary>Runs the load, prints the report and returns the figures issue 18's table needs.</summary>
    // warmUp: referrals run through the same path first, unmeasured. A host in service has its hot code compiled at
    // tier 1; one started seconds ago spends a fifth of the CPU on the JIT (perf, 29 Nov 2026).
    public static async Task<EscalationResult> MeasureAsync(string provider, int referrals, TimeSpan spread, TimeSpan[] levelOffsets, int warmUp = 0)
    {
        // Only the escalation mails count: the step alerts sent when each referral opens are not what is measured.
        var received = new ConcurrentBag<(DateTime At, string Subject)>();
        var warmedUp = 0;
        void Received(string subject)
        {
            if (SubjectPattern().IsMatch(subject))
            {
                received.Add((DateTime.UtcNow, subject));
            }
            else if (WarmUpSubjectPattern().IsMatch(subject))
            {
                Interlocked.Increment(ref warmedUp);
            }
        }

        // netDumbster, or the concurrent sink with REFERRALFLOW_BENCH_SMTP=sink (as the chaos runs).
        var smtpPort = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Port;
        using var smtp = SmtpSink.Chosen ? null : Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(smtpPort).Build();
        using var sink = SmtpSink.Chosen ? new SmtpSink(smtpPort) : null;
        if (smtp is not null)
        {
            smtp.MessageReceived += (_, e) => Received(e.Message.Subject ?? "");
        }

        if (sink is not null)
        {
            sink.MessageReceived += h => Received(h[MimeKit.HeaderId.Subject] ?? "");
        }
        await using var postgres = provider == "postgres" ? await BenchCluster.StartAsync() : null;
        var dataDirectory = Directory.CreateTempSubdirectory("rf-escalation-").FullName;
        var connectionString = postgres is null ? "" : await postgres.CreateDatabaseAsync($"esc_{Guid.NewGuid():N}");
        if (postgres is not null)
        {
            Console.WriteLine(await BenchCluster.DescribeAsync(connectionString));
        }

        // WebApplicationFactory finds the host's content root this way outside a test project.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_REFERRALFLOW_HOST", HostContentRoot());
        await using var host = new WebApplicationFactory<UnitOfWork>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("Database:Provider", postgres is null ? "Sqlite" : "PostgreSql");
            b.UseSetting("Database:DataDirectory", dataDirectory);
            b.UseSetting("ConnectionStrings:ReferralFlow", connectionString);
            b.UseSetting("Demo:Seed", "true");
            b.UseSetting("Mail:Smtp:Host", "127.0.0.1");
            b.UseSetting("Mail:Smtp:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Mail:Smtp:Security", "None");
            foreach (var (key, value) in PolicySettings(levelOffsets))
            {
                b.UseSetting(key, value);
            }
        });
        _ = host.Server;
        using var sampling = new CancellationTokenSource();
        var pool = Task.Run(async () =>
        {
            var (threads, pending) = (0, 0L);
            while (!sampling.IsCancellationRequested)
            {
                (threads, pending) = (Math.Max(threads, ThreadPool.ThreadCount), Math.Max(pending, ThreadPool.PendingWorkItemCount));
                await Task.Delay(50, CancellationToken.None);
            }

            return $"thread pool: at most {threads} threads, {pending} queued work items";
        });
        var versionId = await PublishAsync(host.Services);
        await WarmUpAsync(host.Services, versionId, warmUp, () => Volatile.Read(ref warmedUp), "");

        var opening = Stopwatch.StartNew();
        var opened = await OpenAsync(host.Services, versionId, referrals, spread, "L-");
        Console.WriteLine($"opened {referrals} referrals in {opening.Elapsed.TotalSeconds:F1} s (paced over {spread.TotalSeconds:F0} s; each falls due " +
            $"{Due.TotalSeconds:F0} s after its opening; levels at +{string.Join(" s, +", levelOffsets.Select(l => l.TotalSeconds))} s)");
        var expected = referrals * 4;
        var clock = Stopwatch.StartNew();
        while (received.Count < expected && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            await Task.Delay(200);
        }

        var latencies = Report(provider, referrals, expected, opened, received, levelOffsets);
        await ReportStagesAsync(host.Services, opened.Values.Min());
        await sampling.CancelAsync();
        Console.WriteLine($"  {await pool}");
        return new EscalationResult(expected, received.Count, opening.Elapsed, Latency.Of(latencies.Where(l => l.Level == 1).Select(l => l.Seconds)),
            Latency.Of(latencies.Select(l => l.Seconds)));
    }

    /// <summary>The three-level policy <c>load</c>: the agency queue, its supervisor, then the case owner and the district hub.</summary>
    internal static IEnumerable<(string Key, string Value)> PolicySettings(TimeSpan[] levelOffsets)
    {
        string[][] levels = [["Assignee"], ["AgencySupervisor"], ["PublicCaseOwner", "DistrictHub"]];
        for (var i = 0; i < levels.Length; i++)
        {
            yield return ($"Escalation:Policies:load:Levels:{i}:Extra", levelOffsets[i].ToString());
            for (var r = 0; r < levels[i].Length; r++)
            {
                yield return ($"Escalation:Policies:load:Levels:{i}:Recipients:{r}", levels[i][r]);
            }
        }
    }

    internal static string HostContentRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReferralFlow.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository."), "host", "ReferralFlow.Host");
    }

    private const string WarmUpPrefix = "W-";

    /// <summary>Opens <paramref name="count"/> unmeasured referrals (over 5 s) and waits for their 4 mails each, as <paramref name="mails"/> counts them.</summary>
    internal static async Task WarmUpAsync(IServiceProvider services, Guid versionId, int count, Func<int> mails, string indent)
    {
        if (count <= 0)
        {
            return;
        }

        var warming = Stopwatch.StartNew();
        await OpenAsync(services, versionId, count, TimeSpan.FromSeconds(5), WarmUpPrefix);
        while (mails() < count * 4 && warming.Elapsed < TimeSpan.FromMinutes(3))
        {
            await Task.Delay(200);
        }

        Console.WriteLine($"{indent}warm-up: {count} referrals, {mails()} mails in {warming.Elapsed.TotalSeconds:F0} s (not measured)");
    }

    internal static async Task<Guid> PublishAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
        await store.SaveDraftAsync("관악구", "escalation-load", Bpmn, null);
        return (await store.PublishAsync("관악구", "escalation-load", "benchmark")).Id;
    }

    // prefix: of the referral numbers; only L- matches SubjectPattern and is measured.
    internal static async Task<Dictionary<string, DateTime>> OpenAsync(IServiceProvider services, Guid versionId, int count, TimeSpan spread, string prefix)
    {
        var opened = new Dictionary<string, DateTime>();
        var pace = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if (spread * i / count - pace.Elapsed is { Ticks: > 0 } ahead)
            {
                // Paced opening: this referral's due time is its slot in the window.
                await Task.Delay(ahead);
            }

            await using var scope = services.CreateAsyncScope();
            var number = $"{prefix}{i:D5}";
            var now = DateTimeOffset.UtcNow;
            // As OpenReferral does: one unit of work, so the step's alert goes to the per-minute alert mail.
            await scope.ServiceProvider.GetRequiredService<UnitOfWork>().ExecuteAsync(async ct =>
            {
                var started = await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>()
                    .StartAsync(versionId, number, null, new Dictionary<string, string> { ["dong"] = "nangok-dong" }, ct);
                scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().Referrals.Add(new Referral
                {
                    Id = Guid.CreateVersion7(),
                    Number = number,
                    WorkflowKey = "escalation-load",
                    WorkflowVersion = 1,
                    InstanceId = started.InstanceId,
                    Status = ReferralStatus.InProgress,
                    District = "관악구",
                    Dong = "난곡동",
                    ReferringAgencyId = "sillim-welfare",
                    PublicOwnerAgencyId = "nangok-dong",
                    Household = new Household { Name = "부하 시험" },
                    OpenedAt = now,
                    RetainUntil = now.AddYears(5),
                });
            }, CancellationToken.None);
            opened[number] = now.UtcDateTime;
        }

        return opened;
    }

    private static List<(int Level, double Seconds)> Report(string provider, int referrals, int expected, Dictionary<string, DateTime> opened, ConcurrentBag<(DateTime At, string Subject)> received, TimeSpan[] levelOffsets)
    {
        var latencies = new List<(int Level, double Seconds)>();
        var byDue = new List<(DateTime Due, double Seconds)>();
        foreach (var (at, subject) in received)
        {
            var match = SubjectPattern().Match(subject);
            if (match.Success && opened.TryGetValue(match.Groups["number"].Value, out var openedAt))
            {
                var level = int.Parse(match.Groups["level"].Value, System.Globalization.CultureInfo.InvariantCulture);
                var due = openedAt + Due + levelOffsets[level - 1];
                latencies.Add((level, (at - due).TotalSeconds));
                byDue.Add((due, (at - due).TotalSeconds));
            }
        }

        if (received.IsEmpty)
        {
            Console.WriteLine($"escalation load on {provider}: no message arrived");
            return latencies;
        }

        var first = received.Min(r => r.At);
        var last = received.Max(r => r.At);
        Console.WriteLine($"escalation load on {provider}: {referrals} referrals, {received.Count}/{expected} messages");
        Console.WriteLine($"  latency after due time (s), all levels: {Percentiles([.. latencies.Select(l => l.Seconds)])}");
        foreach (var level in latencies.Select(l => l.Level).Distinct().Order())
        {
            Console.WriteLine($"  level {level}: {Percentiles([.. latencies.Where(l => l.Level == level).Select(l => l.Seconds)])}");
        }

        Console.WriteLine($"  delivery window: {(last - first).TotalSeconds:F1} s from first to last message, {received.Count / Math.Max(0.001, (last - first).TotalSeconds):F0} messages/s");
        // Rising with load says queueing (throughput); flat from the first second says a fixed delay in the path.
        if (byDue.Count > 0)
        {
            var start = byDue.Min(d => d.Due);
            var buckets = byDue.GroupBy(d => (int)((d.Due - start).TotalSeconds / 3)).OrderBy(g => g.Key)
                .Select(g => $"{g.Key * 3}-{(g.Key + 1) * 3} s: {g.Count()} due, p50 {Latency.Of([.. g.Select(d => d.Seconds)]).P50:F2}");
            Console.WriteLine($"  latency by due time: {string.Join(" | ", buckets)}");
        }

        return latencies;
    }

    /// <summary>Where a level's time goes: due → claimed by a sweep (its outbox rows written), written → marked sent.</summary>
    private static async Task ReportStagesAsync(IServiceProvider services, DateTime measuredFrom)
    {
        var from = new DateTimeOffset(measuredFrom, TimeSpan.Zero);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var levels = await db.Escalations.AsNoTracking().Where(e => e.ProcessedAt != null && e.DueAt >= from)
            .Select(e => new { e.TaskRowId, e.Level, e.DueAt, e.ProcessedAt }).ToListAsync();
        var sent = (await db.Outbox.AsNoTracking().Where(m => m.Template == "escalation" && m.SentAt != null)
            .Select(m => new { m.IdempotencyKey, m.CreatedAt, m.SentAt }).ToListAsync())
            .GroupBy(m => string.Join(':', m.IdempotencyKey.Split(':').Take(3)), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var group in levels.GroupBy(l => l.Level).OrderBy(g => g.Key))
        {
            var claimed = group.Select(l => (l.ProcessedAt!.Value - l.DueAt).TotalSeconds).ToList();
            var sending = group.SelectMany(l => sent.GetValueOrDefault($"escalation:{l.TaskRowId:N}:{l.Level}") ?? [])
                .Select(m => (m.SentAt!.Value - m.CreatedAt).TotalSeconds).ToList();
            Console.WriteLine($"  level {group.Key} stages: due → sweep {Percentiles(claimed)}; sweep → sent {Percentiles(sending)}");
        }
    }

    internal static string Percentiles(List<double> values) => Latency.Of(values).ToString();

    [GeneratedRegex(@"(?<level>\d)단계.*의뢰 (?<number>L-\d+)")]
    internal static partial Regex SubjectPattern();

    [GeneratedRegex(@"\d단계.*의뢰 W-\d+")]
    internal static partial Regex WarmUpSubjectPattern();
}

/// <summary>What one escalation load run measured.</summary>
internal sealed record EscalationResult(int Expected, int Received, TimeSpan Opening, Latency Level1, Latency All)
{
    public int Lost => Expected - Received;
}
