using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ReferralFlow.Host.Tests.Features.Escalation;

namespace ReferralFlow.Host.Tests.Infrastructure;

/// <summary>In production the API's description is for signed-in callers, unless the operator makes it public.</summary>
[Collection(JobsCollection.Name)]
public sealed class OpenApiAccessTests(PostgresClusterFixture cluster)
{
    private const string AdminEmail = "admin@gwanak.example";
    private const string AdminPassword = "Bootstrap-Password-2026";

    private string? _authenticatorKey;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task In_production_the_document_and_the_reference_need_a_signed_in_caller()
    {
        await using var factory = await ProductionAsync(publicReference: null);
        var anonymous = factory.CreateClient();
        var bearer = await SignInAsync(factory, cookie: false);
        var browser = await SignInAsync(factory, cookie: true);

        var document = await anonymous.GetAsync("/openapi/v1.json", Ct);
        var reference = await anonymous.GetAsync("/api/reference", Ct);
        var withToken = await bearer.GetAsync("/openapi/v1.json", Ct);
        var withCookie = await browser.GetAsync("/openapi/v1.json", Ct);
        var page = await browser.GetAsync("/api/reference", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, document.StatusCode);
        Assert.Equal("/login", reference.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal("ReferralFlow API", (await withToken.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("info").GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, withCookie.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("/api/reference", page.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_PublicReference_opens_the_document_and_the_reference_to_anyone()
    {
        await using var factory = await ProductionAsync(publicReference: true);
        var anonymous = factory.CreateClient();

        var document = await anonymous.GetAsync("/openapi/v1.json", Ct);
        var reference = await anonymous.GetAsync("/api/reference", Ct);

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.StartsWith("/api/reference", reference.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    private async Task<WebApplicationFactory<Program>> ProductionAsync(bool? publicReference)
    {
        var connectionString = await cluster.Server.CreateDatabaseAsync($"openapi_{Guid.NewGuid():N}", Ct);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:ReferralFlow", connectionString);
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
            builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
            builder.UseSetting("Bootstrap:District", "관악구");
            builder.UseSetting("Privacy:HouseholdKey", "test-household-key-0123456789abcdef-0123");
            if (publicReference is { } value)
            {
                builder.UseSetting("Api:PublicReference", value ? "true" : "false");
            }
        });
        _ = factory.Server;
        return factory;
    }

    // A bearer token for API clients, or the sign-in cookie a browser gets.
    // An administrator enrols an authenticator at the first sign-in and gives its code from then on.
    private async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> factory, bool cookie)
    {
        var client = factory.CreateClient();
        var code = _authenticatorKey is null ? null : Totp.Now(_authenticatorKey);
        var login = await client.PostAsJsonAsync(cookie ? "/api/auth/login?useCookies=true" : "/api/auth/login", new { email = AdminEmail, password = AdminPassword, twoFactorCode = code }, Ct);
        login.EnsureSuccessStatusCode();
        if (!cookie)
        {
            var token = (await login.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _authenticatorKey ??= (await HostFixture.EnrolAuthenticatorAsync(client)).Key;
        return client;
    }
}
