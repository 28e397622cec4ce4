using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Auth;

public sealed class AuthTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_returns_a_bearer_token_that_identifies_the_worker_and_agency()
    {
        var client = await host.SignInAsync("nangok-dong.worker");

        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct);

        Assert.Equal("nangok-dong", me.GetProperty("agencyId").GetString());
        Assert.Equal("관악구", me.GetProperty("district").GetString());
        Assert.Contains("worker", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Api_calls_without_a_token_get_401()
    {
        var response = await host.Anonymous().GetAsync("/api/auth/me", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_page_the_signed_in_worker_may_not_see_answers_403()
    {
        var browser = host.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = DemoData.Email("sillim-welfare.worker"), password = DemoData.Password }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);

        var tower = await browser.GetAsync("/control-tower", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, tower.StatusCode);
    }

    [Fact]
    public async Task Health_is_healthy_on_postgresql()
    {
        var response = await host.Anonymous().GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Sign_in_is_rate_limited_per_address()
    {
        await using var limited = host.Factory.WithWebHostBuilder(b => b.UseSetting("Auth:SignInsPerMinute", "3"));
        var client = limited.CreateClient();
        var body = new { email = DemoData.Email("sinsa-dong.worker"), password = "wrong-password" };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/login", body, Ct)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Hangfire_dashboard_is_for_system_administrators_only()
    {
        var admin = await host.SignInAsync("gwanak-hub.admin");
        var worker = await host.SignInAsync("nangok-dong.supervisor");

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/hangfire", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/hangfire", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Anonymous().GetAsync("/hangfire", Ct)).StatusCode);
    }
}
