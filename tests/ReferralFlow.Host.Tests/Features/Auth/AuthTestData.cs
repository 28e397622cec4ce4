using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Auth;

/// <summary>
/// The host behind a (simulated) reverse proxy: <c>X-Forwarded-For</c> is trusted, as with
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> in deployment, so a test can sign in from different client addresses.
/// </summary>
public sealed class ProxiedHostFixture(PostgresClusterFixture cluster) : HostFixture(cluster)
{
    protected override void ConfigureHost(IWebHostBuilder builder) => builder.UseSetting("FORWARDEDHEADERS_ENABLED", "true");
}

internal static class AuthTestData
{
    public const string Password = "Worker-Password-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new worker of 난곡동 (so tests that end sessions or lock accounts don't disturb each other).</summary>
    public static async Task<(Guid Id, string Email)> CreateWorkerAsync(HostFixture host)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var email = $"worker-{Guid.NewGuid():N}@auth.test";
        var user = new User { Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "테스트 주무관", AgencyId = "nangok-dong", CreatedAt = host.Clock.GetUtcNow() };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRolesAsync(user, [Roles.Worker]);
        return (user.Id, email);
    }

    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password, string? address = null, bool cookies = false)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, cookies ? "/api/auth/login?useCookies=true" : "/api/auth/login")
        {
            Content = JsonContent.Create(new { email, password }),
        };
        if (address is not null)
        {
            request.Headers.Add("X-Forwarded-For", address);
        }

        return client.SendAsync(request, Ct);
    }

    /// <summary>Signs in for tokens; returns (access token, refresh token).</summary>
    public static async Task<(string Access, string Refresh)> TokensAsync(HostFixture host, string email, string password = Password)
    {
        var response = await LoginAsync(host.Anonymous(), email, password);
        response.EnsureSuccessStatusCode();
        return Read(await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    public static (string Access, string Refresh) Read(JsonElement tokens) =>
        (tokens.GetProperty("accessToken").GetString()!, tokens.GetProperty("refreshToken").GetString()!);

    /// <summary>A client whose cookie jar holds a browser session of the worker.</summary>
    public static async Task<HttpClient> CookieClientAsync(HostFixture host, string email)
    {
        var client = host.Anonymous();
        (await LoginAsync(client, email, Password, cookies: true)).EnsureSuccessStatusCode();
        return client;
    }

    public static HttpClient Bearer(HostFixture host, string accessToken)
    {
        var client = host.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static Task<HttpResponseMessage> RefreshAsync(HostFixture host, string refreshToken) =>
        host.Anonymous().PostAsJsonAsync("/api/auth/refresh", new { refreshToken }, Ct);

    public static async Task<System.Net.HttpStatusCode> MeAsync(HttpClient client) =>
        (await client.GetAsync("/api/auth/me", Ct)).StatusCode;

    /// <summary>Status, title and detail of a problem answer (its trace id differs per request).</summary>
    public static async Task<(System.Net.HttpStatusCode Status, string? Title, string? Detail)> ProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (response.StatusCode, body.GetProperty("title").GetString(), body.GetProperty("detail").GetString());
    }
}
