using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Auth;

/// <summary>Per-user limits on API writes (and a stricter one on workflow validation and publication).</summary>
public sealed class WriteRateLimitTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Writes_beyond_the_per_user_limit_get_429_problem_details_and_other_users_are_unaffected()
    {
        await using var limited = host.Factory.WithWebHostBuilder(b => b.UseSetting("Auth:WritesPerMinute", "3"));
        var worker = await SignInAsync(limited, "nangok-dong.worker");
        var colleague = await SignInAsync(limited, "nangok-dong.worker2");

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
        {
            last = await worker.PostAsJsonAsync("/api/referrals", new { }, Ct);
            statuses.Add(last.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses[..3]);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
        Assert.Equal("application/problem+json", last.Content.Headers.ContentType?.MediaType);
        var problem = await last.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Equal("rate-limited", problem.GetProperty("code").GetString());
        Assert.NotNull(last.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await colleague.PostAsJsonAsync("/api/referrals", new { }, Ct)).StatusCode);
    }

    [Fact]
    public async Task Workflow_validation_has_its_own_stricter_limit()
    {
        await using var limited = host.Factory.WithWebHostBuilder(b => b.UseSetting("Auth:DesignerWritesPerMinute", "2"));
        var designer = await SignInAsync(limited, "gwanak-hub.designer");
        var xml = new { xml = "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>" };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await designer.PostAsJsonAsync("/api/workflows/validate", xml, Ct)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await designer.PostAsJsonAsync("/api/referrals", new { }, Ct)).StatusCode);
    }

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> factory, string login)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = ReferralFlow.Host.Features.Demo.DemoData.Email(login), password = ReferralFlow.Host.Features.Demo.DemoData.Password }, Ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
