using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using static ReferralFlow.Host.Tests.Features.Auth.AuthTestData;

namespace ReferralFlow.Host.Tests.Features.Auth;

/// <summary>
/// Sign-in answers that don't tell which accounts exist, and a back-off per (account, address) and per address that
/// slows an attacker without locking the worker out.
/// </summary>
public sealed class SignInBackoffTests(ProxiedHostFixture host) : IClassFixture<ProxiedHostFixture>
{
    [Fact]
    public async Task Unknown_email_wrong_password_locked_and_deactivated_accounts_get_the_identical_401()
    {
        var (_, known) = await CreateWorkerAsync(host);
        var (lockedId, locked) = await CreateWorkerAsync(host);
        var (inactiveId, inactive) = await CreateWorkerAsync(host);
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
            var user = await users.FindByIdAsync(lockedId.ToString());
            await users.SetLockoutEndDateAsync(user!, DateTimeOffset.MaxValue);
            var gone = await users.FindByIdAsync(inactiveId.ToString());
            gone!.IsActive = false;
            await users.UpdateAsync(gone);
        }

        var unknown = await ProblemAsync(await LoginAsync(host.Anonymous(), "nobody@auth.test", Password, "198.51.100.1"));
        var wrong = await ProblemAsync(await LoginAsync(host.Anonymous(), known, "wrong-password", "198.51.100.2"));
        var lockedOut = await ProblemAsync(await LoginAsync(host.Anonymous(), locked, Password, "198.51.100.3"));
        var deactivated = await ProblemAsync(await LoginAsync(host.Anonymous(), inactive, Password, "198.51.100.4"));

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, lockedOut);
        Assert.Equal(unknown, deactivated);
    }

    [Fact]
    public async Task Six_wrong_passwords_from_one_address_do_not_stop_the_right_password_from_another()
    {
        var (_, email) = await CreateWorkerAsync(host);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await LoginAsync(host.Anonymous(), email, "wrong-password", "203.0.113.10")).StatusCode);
        }

        var sameAddress = await LoginAsync(host.Anonymous(), email, Password, "203.0.113.10");
        var otherAddress = await LoginAsync(host.Anonymous(), email, Password, "203.0.113.20");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, sameAddress.StatusCode);
        Assert.Equal("30", sameAddress.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, otherAddress.StatusCode);
    }

    [Fact]
    public async Task The_wait_doubles_with_each_failure_and_the_right_password_works_once_it_is_over()
    {
        var (_, email) = await CreateWorkerAsync(host);
        for (var i = 0; i < 6; i++)
        {
            await LoginAsync(host.Anonymous(), email, "wrong-password", "203.0.113.30");
        }

        host.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(host.Anonymous(), email, "wrong-password", "203.0.113.30")).StatusCode);
        var waiting = await LoginAsync(host.Anonymous(), email, Password, "203.0.113.30");
        Assert.Equal((HttpStatusCode.TooManyRequests, "60"), (waiting.StatusCode, waiting.Headers.RetryAfter?.ToString()));

        host.Clock.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(host.Anonymous(), email, Password, "203.0.113.30")).StatusCode);
    }

    [Fact]
    public async Task The_back_off_treats_unknown_and_known_emails_alike()
    {
        var (_, known) = await CreateWorkerAsync(host);

        var forKnown = new List<(HttpStatusCode, string?, string?)>();
        var forUnknown = new List<(HttpStatusCode, string?, string?)>();
        for (var i = 0; i < 7; i++)
        {
            forKnown.Add(await ProblemAsync(await LoginAsync(host.Anonymous(), known, "wrong-password", "192.0.2.1")));
            forUnknown.Add(await ProblemAsync(await LoginAsync(host.Anonymous(), "nobody-else@auth.test", "wrong-password", "192.0.2.2")));
        }

        Assert.Equal(forKnown, forUnknown);
        Assert.Equal(HttpStatusCode.TooManyRequests, forKnown[^1].Item1);
    }

    [Fact]
    public async Task Failures_across_many_accounts_make_the_address_wait()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 21; i++)
        {
            statuses.Add((await LoginAsync(host.Anonymous(), $"spray-{i}@auth.test", "Password-2026", "192.0.2.50")).StatusCode);
        }

        var (_, email) = await CreateWorkerAsync(host);
        var fromThere = await LoginAsync(host.Anonymous(), email, Password, "192.0.2.50");
        var fromElsewhere = await LoginAsync(host.Anonymous(), email, Password, "192.0.2.51");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, fromThere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromElsewhere.StatusCode);
    }
}
