using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Tests.Infrastructure.Http;

/// <summary>Security headers on every kind of response, HSTS over HTTPS, and pages that need no inline script.</summary>
public sealed partial class SecurityHeadersTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET", "/login")]
    [InlineData("GET", "/inbox")]
    [InlineData("GET", "/api/workflows")]
    [InlineData("POST", "/api/auth/login")]
    [InlineData("GET", "/health")]
    [InlineData("GET", "/css/site.css")]
    [InlineData("GET", "/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = JsonContent.Create(new { email = "", password = "" });
        }

        var response = await host.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).SendAsync(request, Ct);

        Assert.Equal(SecurityHeaders.Policy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("script-src 'self';", SecurityHeaders.Policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_responses_outside_development_carry_hsts()
    {
        var client = host.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://referralflow.example/") });

        var response = await client.GetAsync("/login", Ct);

        Assert.StartsWith("max-age=", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_page_has_an_inline_script_or_event_handler_attribute()
    {
        var api = await host.SignInAsync("nangok-dong.worker");
        var referralId = (await ReferralScenario.OpenAsync(api)).GetProperty("id").GetGuid();
        Guid taskId;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var instanceId = ReferralScenario.InstanceIdOf(host, referralId);
            taskId = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Tasks.Where(t => t.InstanceId == instanceId).Select(t => t.Id).FirstAsync(Ct);
        }

        var browser = host.Factory.CreateClient();
        var login = await browser.PostAsJsonAsync("/api/auth/login?useCookies=true", new { email = DemoData.Email("nangok-dong.supervisor"), password = DemoData.Password }, Ct);
        login.EnsureSuccessStatusCode();
        string[] pages = ["/login", "/inbox", "/referrals", "/referrals/new", $"/referrals/{referralId}", $"/tasks/{taskId}", "/control-tower", "/supervisor"];
        foreach (var page in pages)
        {
            var response = await browser.GetAsync(page, Ct);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode && html.Contains("</html>", StringComparison.OrdinalIgnoreCase), $"{page}: {(int)response.StatusCode}");
            Assert.DoesNotMatch(InlineScript(), html);
            Assert.DoesNotMatch(EventHandler(), html);
            Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        }
    }

    // A <script> without src that is not a JSON data block.
    [GeneratedRegex("""<script(?![^>]*\bsrc=)(?![^>]*type="application/json")[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("""<[a-z][^>]*\son[a-z]+\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();
}
