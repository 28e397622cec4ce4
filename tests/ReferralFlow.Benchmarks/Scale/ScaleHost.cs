using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ReferralFlow.Host.Infrastructure.Database;

namespace ReferralFlow.Benchmarks.Scale;

/// <summary>The real host in-process on a PostgreSQL database (or SQLite, configured by the caller), with the demo agencies and workers and no job server.</summary>
internal static class ScaleHost
{
    public static WebApplicationFactory<UnitOfWork> Start(string? connectionString, Action<IWebHostBuilder>? configure = null)
    {
        // WebApplicationFactory finds the host's content root this way outside a test project.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_REFERRALFLOW_HOST", HostContentRoot());
        var host = new WebApplicationFactory<UnitOfWork>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("Database:Provider", "PostgreSql");
            if (connectionString is not null)
            {
                b.UseSetting("ConnectionStrings:ReferralFlow", connectionString);
            }

            b.UseSetting("Demo:Seed", "true");
            b.UseSetting("Jobs:Enabled", "false");
            b.UseSetting("Auth:SignInsPerMinute", "1000");
            b.UseSetting("Logging:LogLevel:Default", "Warning");
            configure?.Invoke(b);
        });
        _ = host.Server;
        return host;
    }

    private static string HostContentRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReferralFlow.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository."), "host", "ReferralFlow.Host");
    }
}
