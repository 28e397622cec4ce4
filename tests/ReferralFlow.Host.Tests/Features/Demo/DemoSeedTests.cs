using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Features.Escalation;

namespace ReferralFlow.Host.Tests.Features.Demo;

/// <summary>The demo data (a public password) exists only in Development, and its password is logged only there.</summary>
[Collection(JobsCollection.Name)]
public sealed class DemoSeedTests(PostgresClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Seed_demo_is_refused_in_Staging_and_the_password_is_not_logged()
    {
        var log = new LogCapture();
        await using var host = await StartAsync("Staging", log);

        var login = await host.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = DemoData.Email("nangok-dong.worker"), password = DemoData.Password }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Contains(log.Messages, m => m.Contains("only in the Development environment, not in Staging", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Messages, m => m.Contains(DemoData.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task In_Development_the_demo_is_seeded_and_the_log_says_the_password()
    {
        var log = new LogCapture();
        await using var host = await StartAsync("Development", log);

        var login = await host.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = DemoData.Email("nangok-dong.worker"), password = DemoData.Password }, Ct);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(log.Messages, m => m.Contains($"password for all: {DemoData.Password}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_test_environment_seeds_the_demo_without_logging_the_password()
    {
        var log = new LogCapture();
        await using var host = await StartAsync("Testing", log);

        var login = await host.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = DemoData.Email("nangok-dong.worker"), password = DemoData.Password }, Ct);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains(log.Messages, m => m.Contains("Demo data ready", StringComparison.Ordinal));
        Assert.DoesNotContain(log.Messages, m => m.Contains(DemoData.Password, StringComparison.Ordinal));
    }

    private async Task<WebApplicationFactory<Program>> StartAsync(string environment, LogCapture log)
    {
        var connectionString = await cluster.Server.CreateDatabaseAsync($"demo_{Guid.NewGuid():N}", Ct);
        var host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:ReferralFlow", connectionString);
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Demo:Seed", "true");
            builder.UseSetting("Privacy:HouseholdKey", "test-household-key-0123456789abcdef-0123");
            builder.ConfigureLogging(logging => logging.AddProvider(log));
        });
        _ = host.Server;
        return host;
    }

    private sealed class LogCapture : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
