using System.Net;
using ReferralFlow.Host.Tests.Infrastructure;
using static ReferralFlow.Host.Tests.Features.Auth.AuthTestData;

namespace ReferralFlow.Host.Tests.Features.Auth;

/// <summary>Short access tokens and a working-day cookie, on the host's clock (its own fixture: the tests move the clock).</summary>
public sealed class SessionLifetimeTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task An_access_token_expires_after_15_minutes_and_the_refresh_token_renews_it()
    {
        var (_, email) = await CreateWorkerAsync(host);
        var (access, refresh) = await TokensAsync(host, email);
        var client = Bearer(host, access);

        host.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(client));
        host.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(client));

        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(host, refresh)).StatusCode);
    }

    [Fact]
    public async Task A_browser_session_ends_after_8_idle_hours()
    {
        var (_, email) = await CreateWorkerAsync(host);
        var browser = await CookieClientAsync(host, email);

        host.Clock.Advance(TimeSpan.FromHours(7));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(browser));
        host.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(browser));
    }

    [Fact]
    public async Task A_browser_session_ends_after_12_hours_however_busy()
    {
        var (_, email) = await CreateWorkerAsync(host);
        var browser = await CookieClientAsync(host, email);

        for (var hour = 0; hour < 11; hour++)
        {
            host.Clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(HttpStatusCode.OK, await MeAsync(browser));
        }

        host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(browser));
    }
}
