using System.Collections.Concurrent;
using System.Net;
using MimeKit;
using netDumbster.smtp;

namespace ReferralFlow.Benchmarks.Escalation;

/// <summary>
/// A real SMTP server on a fixed loopback port that can be stopped and started again on the same port: netDumbster, or
/// with <c>REFERRALFLOW_BENCH_SMTP=sink</c> the concurrent <see cref="SmtpSink"/> (whose stop also cuts open connections).
/// It records each escalation mail's Message-Id with every arrival, so a resend shows as a duplicate.
/// </summary>
internal sealed class ChaosSmtp : IDisposable
{
    private readonly ConcurrentDictionary<string, Arrival> arrivals = new(StringComparer.Ordinal);
    private SimpleSmtpServer? server;
    private SmtpSink? sink;
    private int duplicates;
    private int warmUps;

    public ChaosSmtp()
    {
        Port = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Port;
        Start();
    }

    public int Port { get; }

    public int Distinct => arrivals.Count;

    public int Duplicates => Volatile.Read(ref duplicates);

    /// <summary>Escalation mails of the warm-up referrals (not counted anywhere else).</summary>
    public int WarmUps => Volatile.Read(ref warmUps);

    public DateTime? RestartedAt { get; private set; }

    public DateTime? LastFirstArrival => arrivals.IsEmpty ? null : arrivals.Values.Max(a => a.At);

    public void Start()
    {
        if (server is not null || sink is not null)
        {
            RestartedAt = DateTime.UtcNow;
        }

        if (SmtpSink.Chosen)
        {
            if (sink is null)
            {
                sink = new SmtpSink(Port);
                sink.MessageReceived += h => Record(h[HeaderId.Subject] ?? "", h[HeaderId.MessageId]);
            }

            sink.Start();
            return;
        }

        server = Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(Port).Build();
        server.MessageReceived += (_, e) => Record(e.Message.Subject ?? "", e.Message.Headers["Message-ID"]);
    }

    private void Record(string subject, string? messageId)
    {
        var match = EscalationLoad.SubjectPattern().Match(subject);
        if (!match.Success)
        {
            if (EscalationLoad.WarmUpSubjectPattern().IsMatch(subject))
            {
                Interlocked.Increment(ref warmUps);
            }

            return;
        }

        var id = messageId ?? Guid.NewGuid().ToString();
        var level = int.Parse(match.Groups["level"].Value, System.Globalization.CultureInfo.InvariantCulture);
        if (!arrivals.TryAdd(id, new Arrival(DateTime.UtcNow, level, match.Groups["number"].Value)))
        {
            Interlocked.Increment(ref duplicates);
        }
    }

    public void Stop()
    {
        sink?.Stop();
        server?.Stop();
        server?.Dispose();
    }

    public IEnumerable<Arrival> FirstArrivals(int level) => arrivals.Values.Where(a => a.Level == level);

    public void Dispose() => Stop();

    internal sealed record Arrival(DateTime At, int Level, string Number);
}
