using Hangfire.Logging;
using HangfireLevel = Hangfire.Logging.LogLevel;
using MsLogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide and its types cache loggers in static fields, while each host owns (and
/// disposes) its own <see cref="ILoggerFactory"/>. Binding Hangfire to one host's factory breaks every later host in the
/// same process (tests, or a restarted host) with <see cref="ObjectDisposedException"/> inside a static initializer.
/// This bridge hands Hangfire loggers that look the current factory up when they write, and drop the message when
/// that factory is already gone.
/// </summary>
internal sealed class HangfireLogBridge : ILogProvider
{
    private static ILoggerFactory? s_factory;

    public static HangfireLogBridge Instance { get; } = new();

    private HangfireLogBridge()
    {
    }

    /// <summary>Routes Hangfire's messages to <paramref name="factory"/> (the most recently started host wins).</summary>
    public static void Attach(ILoggerFactory factory) => Volatile.Write(ref s_factory, factory);

    public ILog GetLogger(string name) => new BridgedLog(name);

    private sealed class BridgedLog(string name) : ILog
    {
        private (ILoggerFactory Factory, ILogger Logger)? _current;

        public bool Log(HangfireLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var logger = Current();
            if (logger is null)
            {
                return false;
            }

            var level = Map(logLevel);
            if (messageFunc is null)
            {
                return logger.IsEnabled(level);
            }

            try
            {
#pragma warning disable CA1848, CA2254 // Hangfire hands over a ready message; there is no template to cache.
                logger.Log(level, exception, messageFunc());
#pragma warning restore CA1848, CA2254
                return true;
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }

        private ILogger? Current()
        {
            var factory = Volatile.Read(ref s_factory);
            if (factory is null)
            {
                return null;
            }

            var current = _current;
            if (current is { } cached && ReferenceEquals(cached.Factory, factory))
            {
                return cached.Logger;
            }

            try
            {
                var logger = factory.CreateLogger(name);
                _current = (factory, logger);
                return logger;
            }
            catch (ObjectDisposedException)
            {
                return null;
            }
        }

        private static MsLogLevel Map(HangfireLevel level) => level switch
        {
            HangfireLevel.Trace => MsLogLevel.Trace,
            HangfireLevel.Debug => MsLogLevel.Debug,
            HangfireLevel.Info => MsLogLevel.Information,
            HangfireLevel.Warn => MsLogLevel.Warning,
            HangfireLevel.Error => MsLogLevel.Error,
            _ => MsLogLevel.Critical,
        };
    }
}
