using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using ReferralFlow.Host.Features.Demo;

namespace ReferralFlow.Host.Tests.Infrastructure;

/// <summary>
/// The real host on a fresh PostgreSQL database with the demo agencies and workers, a fake clock, and no Hangfire
/// server (jobs are driven explicitly by tests that need them). One per test class.
/// </summary>
public class HostFixture(PostgresClusterFixture cluster) : IAsyncLifetime
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private WebApplicationFactory<Program>? _factory;

    public FakeTimeProvider Clock { get; } = new(T0);

    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        ConnectionString = await cluster.Server.CreateDatabaseAsync($"host_{Guid.NewGuid():N}", TestContext.Current.CancellationToken);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:ReferralFlow", ConnectionString);
            builder.UseSetting("Demo:Seed", "true");
            builder.UseSetting("Jobs:Enabled", "false");
            // Every test client signs in from the same (unknown) address; the limit itself has its own test.
            builder.UseSetting("Auth:SignInsPerMinute", "1000");
            // Tests write fast as few users; the per-user write limits have their own tests.
            builder.UseSetting("Auth:WritesPerMinute", "100000");
            builder.UseSetting("Auth:DesignerWritesPerMinute", "100000");
            ConfigureHost(builder);
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            });
        });
        _ = _factory.Server;
    }

    /// <summary>Extra settings for a derived fixture.</summary>
    protected virtual void ConfigureHost(IWebHostBuilder builder)
    {
    }

    /// <summary>An anonymous client.</summary>
    public HttpClient Anonymous() => Factory.CreateClient();

    /// <summary>A client signed in as a demo worker (login = the email's local part, e.g. <c>nangok-dong.worker</c>).</summary>
    public async Task<HttpClient> SignInAsync(string login)
    {
        var client = Factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = DemoData.Email(login), password = DemoData.Password }, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
