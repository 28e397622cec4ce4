using Microsoft.Extensions.Options;

namespace ReferralFlow.Host.Features.Notifications;

/// <summary>
/// The configured mail server's circuit breaker (one per process and server). While the server is unreachable no
/// message is tried and none backs off on its own: the dispatcher only probes (connects) every
/// <see cref="NotificationOptions.ProbeInterval"/>, and when the server answers it drains the whole backlog at once.
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
            _open = new MailCircuitState(_open?.Since ?? now, error, now + options.Value.ProbeInterval, (_open?.FailedProbes ?? -1) + 1);
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
