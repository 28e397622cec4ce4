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

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task In_production_the_document_and_the_reference_need_a_signed_in_caller()
    {
        await using var factory = await ProductionAsync(publicReference: null);
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var admin = await SignInAsync(factory);

        var document = await anonymous.GetAsync("/openapi/v1.json", Ct);
        var reference = await anonymous.GetAsync("/api/reference", Ct);
        var signedIn = await admin.GetAsync("/openapi/v1.json", Ct);
        var signedInReference = await admin.GetAsync("/api/reference", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, document.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, reference.StatusCode);
        Assert.StartsWith("/login", reference.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal("ReferralFlow API", (await signedIn.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("info").GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, signedInReference.StatusCode);
    }

    [Fact]
    public async Task Api_PublicReference_opens_the_document_and_the_reference_to_anyone()
    {
        await using var factory = await ProductionAsync(publicReference: true);
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/reference", Ct)).StatusCode);
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
            if (publicReference is { } value)
            {
                builder.UseSetting("Api:PublicReference", value ? "true" : "false");
            }
        });
        _ = factory.Server;
        return factory;
    }

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> factory)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = AdminEmail, password = AdminPassword }, Ct);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
