using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Auth;
using ReferralFlow.Host.Tests.Infrastructure;
using static ReferralFlow.Host.Tests.Features.Auth.AuthTestData;

namespace ReferralFlow.Host.Tests.Features.Auth;

/// <summary>Server-side sessions: refresh-token rotation and reuse, sign-out, and account changes that end sessions at once.</summary>
public sealed class SessionTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Refresh_rotates_the_refresh_token_and_the_new_access_token_works()
    {
        var (_, email) = await CreateWorkerAsync(host);
        var (_, refresh) = await TokensAsync(host, email);

        var response = await RefreshAsync(host, refresh);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var (access2, refresh2) = Read(body);
        Assert.NotEqual(refresh, refresh2);
        Assert.Equal(15 * 60, body.GetProperty("expiresIn").GetInt32());
        Assert.Equal(HttpStatusCode.OK, await MeAsync(Bearer(host, access2)));
    }

    [Fact]
    public async Task A_reused_refresh_token_gets_401_and_ends_the_whole_family()
    {
        var (_, email) = await CreateWorkerAsync(host);
        var (_, first) = await TokensAsync(host, email);
        var (access2, second) = Read(await (await RefreshAsync(host, first)).Content.ReadFromJsonAsync<JsonElement>(Ct));

        var reuse = await RefreshAsync(host, first);

        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(host, second)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(Bearer(host, access2)));
    }

    [Fact]
    public async Task Logout_ends_the_access_token_and_the_refresh_token_at_once()
    {
        var (_, email) = await CreateWorkerAsync(host);
        var (access, refresh) = await TokensAsync(host, email);
        var client = Bearer(host, access);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(client));

        var logout = await client.PostAsync("/api/auth/logout", null, Ct);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(client));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(host, refresh)).StatusCode);
    }

    [Fact]
    public async Task Cookie_logout_ends_the_session_so_a_copied_cookie_is_refused()
    {
        var (_, email) = await CreateWorkerAsync(host);
        var browser = host.Factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var login = await LoginAsync(browser, email, Password, cookies: true);
        Assert.Equal(HttpStatusCode.NoContent, login.StatusCode);
        var cookie = string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        browser.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(browser));

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/auth/logout", null, Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(browser));
    }

    [Fact]
    public async Task Deactivation_ends_an_existing_bearer_token_cookie_and_refresh_token_at_once()
    {
        var (id, email) = await CreateWorkerAsync(host);
        var (access, refresh) = await TokensAsync(host, email);
        var bearer = Bearer(host, access);
        var browser = await CookieClientAsync(host, email);
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (await MeAsync(bearer), await MeAsync(browser)));

        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<UserAccounts>().DeactivateAsync(id, Ct));
        }

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized), (await MeAsync(bearer), await MeAsync(browser)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(host, refresh)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(host.Anonymous(), email, Password)).StatusCode);
    }

    [Fact]
    public async Task A_worker_deactivated_directly_in_the_database_loses_their_tokens_on_the_next_request()
    {
        var (id, email) = await CreateWorkerAsync(host);
        var bearer = Bearer(host, (await TokensAsync(host, email)).Access);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(bearer));

        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().Users.Where(u => u.Id == id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false), Ct);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(bearer));
    }

    [Fact]
    public async Task Password_change_ends_the_other_sessions_and_keeps_the_current_one()
    {
        var (_, email) = await CreateWorkerAsync(host);
        var (access, _) = await TokensAsync(host, email);
        var (otherAccess, otherRefresh) = await TokensAsync(host, email);
        var current = Bearer(host, access);
        var other = Bearer(host, otherAccess);
        var browser = await CookieClientAsync(host, email);

        var change = await current.PostAsJsonAsync("/api/auth/password", new { currentPassword = Password, newPassword = "A-New-Password-2026" }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(current));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(other));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(browser));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(host, otherRefresh)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(host.Anonymous(), email, Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(host.Anonymous(), email, "A-New-Password-2026")).StatusCode);
    }

    [Fact]
    public async Task Password_change_in_the_browser_keeps_that_cookie_signed_in()
    {
        var (_, email) = await CreateWorkerAsync(host);
        var browser = await CookieClientAsync(host, email);

        var change = await browser.PostAsJsonAsync("/api/auth/password", new { currentPassword = Password, newPassword = "A-New-Password-2026" }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(browser));
    }

    [Fact]
    public async Task Password_change_with_a_wrong_current_password_is_400_naming_the_field()
    {
        var (_, email) = await CreateWorkerAsync(host);
        var client = Bearer(host, (await TokensAsync(host, email)).Access);

        var change = await client.PostAsJsonAsync("/api/auth/password", new { currentPassword = "not-my-password", newPassword = "A-New-Password-2026" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        var errors = (await change.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("currentPassword", out _));
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_with_a_code_per_rule_in_the_callers_language()
    {
        var (_, email) = await CreateWorkerAsync(host);
        var client = Bearer(host, (await TokensAsync(host, email)).Access);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/password")
        {
            Content = JsonContent.Create(new { currentPassword = Password, newPassword = "short" }),
        };
        request.Headers.Add("Accept-Language", "ko");

        var change = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        var problem = await change.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var codes = problem.GetProperty("errorCodes").GetProperty("newPassword").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("password-too-short", codes);
        Assert.Contains("password-requires-digit", codes);
        Assert.Contains("비밀번호는 10자 이상이어야 합니다.", problem.GetProperty("errors").GetProperty("newPassword").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task A_role_change_ends_the_sessions_at_once()
    {
        var (id, email) = await CreateWorkerAsync(host);
        var bearer = Bearer(host, (await TokensAsync(host, email)).Access);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(bearer));

        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = await users.FindByIdAsync(id.ToString());
            Assert.True((await users.AddToRoleAsync(user!, Roles.Supervisor)).Succeeded);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await MeAsync(bearer));
        var again = Bearer(host, (await TokensAsync(host, email)).Access);
        var me = await again.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct);
        Assert.Contains("supervisor", me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }
}
