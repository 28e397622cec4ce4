using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using ReferralFlow.Host.Tests.Features.Escalation;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Auth;

/// <summary>A new production database: processes starting together, the first administrator, one key ring.</summary>
[Collection(JobsCollection.Name)]
public sealed class ProductionStartTests(PostgresClusterFixture cluster)
{
    private const string AdminEmail = "admin@gwanak.example";
    private const string AdminPassword = "Bootstrap-Password-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WebApplicationFactory<Program> Process(string connectionString) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:ReferralFlow", connectionString);
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
            builder.UseSetting("Bootstrap:AdminPassword", AdminPassword);
            builder.UseSetting("Bootstrap:District", "관악구");
            builder.UseSetting("Privacy:HouseholdKey", "production-test-household-key-0123456789abcdef");
        });

    [Fact]
    public async Task Two_processes_start_together_on_a_new_database_and_share_one_administrator_and_key_ring()
    {
        var connectionString = await cluster.Server.CreateDatabaseAsync($"prod_{Guid.NewGuid():N}", Ct);
        await using var first = Process(connectionString);
        await using var second = Process(connectionString);

        await Task.WhenAll(Task.Run(() => first.Server, Ct), Task.Run(() => second.Server, Ct));

        Assert.Equal(HttpStatusCode.OK, (await first.CreateClient().GetAsync("/health", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.CreateClient().GetAsync("/health", Ct)).StatusCode);
        var login = await first.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = AdminEmail, password = AdminPassword }, Ct);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        var other = second.CreateClient();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await other.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct);
        Assert.Contains("system-admin", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/workflows", Ct)).StatusCode);
        await HostFixture.EnrolAuthenticatorAsync(other);
        var workflows = await other.GetAllItemsAsync("/api/workflows");
        Assert.Equal(3, workflows.Length);
    }

    [Fact]
    public async Task Demo_data_is_never_seeded_in_production()
    {
        var connectionString = await cluster.Server.CreateDatabaseAsync($"prod_{Guid.NewGuid():N}", Ct);
        await using var host = Process(connectionString).WithWebHostBuilder(b => b.UseSetting("Demo:Seed", "true"));

        var login = await host.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "nangok-dong.worker@demo.referralflow.kr", password = ReferralFlow.Host.Features.Demo.DemoData.Password }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("too-short")]
    public async Task Production_does_not_start_without_its_own_household_key(string key)
    {
        var connectionString = await cluster.Server.CreateDatabaseAsync($"prod_{Guid.NewGuid():N}", Ct);
        await using var host = Process(connectionString).WithWebHostBuilder(b => b.UseSetting("Privacy:HouseholdKey", key));

        var failure = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains("Privacy:HouseholdKey", failure.ToString(), StringComparison.Ordinal);
    }
}
