using Microsoft.Extensions.Options;

namespace ReferralFlow.Host.Features.Notifications;

/// <summary>
/// The configured mail server's circuit breaker (one per process and server). While the server is unreachable no
/// message is tried and none backs off on its own: the dispatcher only probes (connects), and when the server answers
/// it drains the whole backlog at once. Probes come every <see cref="NotificationOptions.ProbeInterval"/> at first and
/// then every tenth of the time the server has been down, up to <see cref="NotificationOptions.MaxProbeInterval"/>: a
/// restart of the relay costs the backlog about a second, an outage of hours a probe a minute, and the wait after
/// the server is back stays within a tenth of the outage.
/// </summary>
public sealed class MailCircuitBreaker(TimeProvider time, IOptions<NotificationOptions> options)
{
    private readonly Lock _gate = new();
    private MailCircuitState? _open;

    /// <summary>Null while closed; otherwise since when the server is unreachable, the last error and the next probe.</summary>
    public MailCircuitState? Open
    {
        get
        {
            lock (_gate)
            {
                return _open;
            }
        }
    }

    /// <summary>The earliest instant the dispatcher may run: the next probe while open, else null.</summary>
    public DateTimeOffset? NotBefore => Open?.NextProbe;

    /// <summary>Whether a run at <paramref name="now"/> may try the server (closed, or open and a probe is due).</summary>
    public bool MayTry(DateTimeOffset now) => Open is not { } open || open.NextProbe <= now;

    /// <summary>The server failed (a message or a probe): open, or stay open until the next probe.</summary>
    public MailCircuitState Trip(string error)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var since = _open?.Since ?? now;
            var interval = TimeSpan.FromTicks(Math.Clamp((now - since).Ticks / 10, options.Value.ProbeInterval.Ticks, options.Value.MaxProbeInterval.Ticks));
            _open = new MailCircuitState(since, error, now + interval, (_open?.FailedProbes ?? -1) + 1);
            return _open;
        }
    }

    /// <summary>The server answered: close.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _open = null;
        }
    }
}

/// <summary>An open breaker: unreachable since, the last error, the next probe, and how many probes failed.</summary>
public sealed record MailCircuitState(DateTimeOffset Since, string LastError, DateTimeOffset NextProbe, int FailedProbes);
