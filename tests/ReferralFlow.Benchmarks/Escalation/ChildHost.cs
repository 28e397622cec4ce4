using System.Diagnostics;

namespace ReferralFlow.Benchmarks.Escalation;

/// <summary>
/// The built host (<c>host/ReferralFlow.Host/bin/Release/net10.0</c>) as a process of its own, configured by environment
/// variables, so that it can be killed with SIGKILL (<see cref="Process.Kill()"/> on Unix) like a crashed server.
/// Its connections carry <c>Application Name</c> = its name, so <c>pg_stat_activity</c> tells what it is doing.
/// </summary>
internal sealed class ChildHost : IAsyncDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildHost(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    public string Name { get; }

    public int ProcessId => process.Id;

    public static async Task<ChildHost> StartAsync(string name, string connectionString, IEnumerable<(string Key, string Value)> settings)
    {
        var root = EscalationLoad.HostContentRoot();
        var dll = Path.Combine(root, "bin", "Release", "net10.0", "ReferralFlow.Host.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"Build the host first ({dll} is missing): dotnet build host/ReferralFlow.Host -c Release");
        }

        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["Database__Provider"] = "PostgreSql";
        info.Environment["ConnectionStrings__ReferralFlow"] = $"{connectionString};Application Name={name}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings.Concat(ExtraSettings()))
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new ChildHost(name, process);
        process.OutputDataReceived += (_, e) => host.Line(e.Data);
        process.ErrorDataReceived += (_, e) => host.Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var ready = await Task.WhenAny(host.started.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
        if (ready != host.started.Task)
        {
            await host.DisposeAsync();
            throw new InvalidOperationException($"Host {name} did not start.");
        }

        return host;
    }

    /// <summary>SIGKILL: no shutdown, no cleanup, claims and connections left as they are.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Line(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("REFERRALFLOW_BENCH_LOG") is { Length: > 0 } directory)
        {
            lock (logGate)
            {
                File.AppendAllText(Path.Combine(directory, Name + ".log"), $"{DateTime.UtcNow:HH:mm:ss.fff} {line}\n");
            }
        }

        if (line.Contains("Application started", StringComparison.Ordinal))
        {
            started.TrySetResult();
        }

        // Warnings and errors (the breaker tripping, claims lost) are part of what a chaos run shows: each header and
        // its message line, the first few of them.
        var header = line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal);
        if ((header || afterHeader) && Interlocked.Increment(ref printed) <= 40)
        {
            Console.WriteLine($"  [{Name}] {line.Trim()}");
        }

        afterHeader = header;
    }

    // For experiments: REFERRALFLOW_BENCH_SETTINGS="Jobs:WorkerCount=4;Logging:LogLevel:ReferralFlow=Debug" goes to every child
    // host after the benchmark's own settings; REFERRALFLOW_BENCH_LOG=<directory> keeps each host's whole output there.
    private static IEnumerable<(string Key, string Value)> ExtraSettings() =>
        (Environment.GetEnvironmentVariable("REFERRALFLOW_BENCH_SETTINGS") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => pair.Length == 2 ? (pair[0], pair[1]) : throw new InvalidOperationException($"REFERRALFLOW_BENCH_SETTINGS: '{pair[0]}' is not key=value."));

    private readonly Lock logGate = new();
    private bool afterHeader;
    private int printed;
}
