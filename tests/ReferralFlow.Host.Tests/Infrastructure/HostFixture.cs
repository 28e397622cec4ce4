using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
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

    /// <summary>The authenticator keys of the accounts the fixture enrolled (email → base32 key).</summary>
    public ConcurrentDictionary<string, string> AuthenticatorKeys { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A client signed in as a demo worker (login = the email's local part, e.g. <c>nangok-dong.worker</c>).</summary>
    public async Task<HttpClient> SignInAsync(string login) => await SignInAsync(DemoData.Email(login), DemoData.Password, useCookies: false);

    /// <summary>
    /// Signs in with the authenticator code of an account the fixture enrolled; an account that must use two-factor
    /// sign-in and has not yet is enrolled on the way, as its worker would at the first sign-in.
    /// </summary>
    public async Task<HttpClient> SignInAsync(string email, string password, bool useCookies)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = Factory.CreateClient();
        var code = AuthenticatorKeys.TryGetValue(email, out var key) ? Totp.Now(key) : null;
        var response = await client.PostAsJsonAsync(useCookies ? "/api/auth/login?useCookies=true" : "/api/auth/login", new { email, password, twoFactorCode = code }, ct);
        response.EnsureSuccessStatusCode();
        if (!useCookies)
        {
            var token = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        }

        var status = await client.GetFromJsonAsync<JsonElement>("/api/auth/two-factor", ct);
        if (status.GetProperty("required").GetBoolean() && !status.GetProperty("enabled").GetBoolean())
        {
            await EnrolAsync(client, email);
        }

        return client;
    }

    /// <summary>Sets up an authenticator for the signed-in account and remembers its key; answers the recovery codes.</summary>
    public async Task<IReadOnlyList<string>> EnrolAsync(HttpClient client, string email)
    {
        var (key, codes) = await EnrolAuthenticatorAsync(client);
        AuthenticatorKeys[email] = key;
        return codes;
    }

    /// <summary>Sets up an authenticator for the signed-in account with a code computed here: its key and recovery codes.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAuthenticatorAsync(HttpClient client)
    {
        var ct = TestContext.Current.CancellationToken;
        var setup = await (await client.PostAsync("/api/auth/two-factor/authenticator", null, ct)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>(ct);
        var key = setup.GetProperty("sharedKey").GetString()!;
        var verified = await client.PostAsJsonAsync("/api/auth/two-factor/authenticator/verify", new { code = Totp.Now(key) }, ct);
        verified.EnsureSuccessStatusCode();
        var codes = await verified.Content.ReadFromJsonAsync<JsonElement>(ct);
        return (key, [.. codes.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!)]);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        // Hangfire's connections come from Npgsql's pool for this database's connection string, which outlives the host:
        // left open, every finished fixture's idle connections count against the cluster's max_connections for minutes.
        if (ConnectionString.Length > 0)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        GC.SuppressFinalize(this);
    }
}
