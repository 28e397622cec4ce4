using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Features.Administration;
using ReferralFlow.Host.Tests.Features.Auth;
using ReferralFlow.Host.Tests.Features.Notifications;
using static ReferralFlow.Host.Tests.Features.Administration.AdminTestData;

namespace ReferralFlow.Host.Tests.Features.Administration.Invitations;

/// <summary>Invite → outbox message → mail with a one-time link → the password is set once → the worker signs in; through a real SMTP server.</summary>
public sealed class InvitationFlowTests(SmtpHostFixture host) : IClassFixture<SmtpHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Invited_worker_sets_a_password_once_through_the_mailed_link_and_signs_in()
    {
        var admin = await host.SignInAsync(GwanakAdmin);
        var email = $"invited-{Guid.NewGuid():N}@example.org";

        var worker = await InviteAsync(admin, "sinsa-dong", email: email);
        var queued = (await OutboxAsync(host, AdminMessages.InvitationTemplate)).Single(m => m.To == $"user:{worker.GetProperty("id").GetGuid()}");
        await DispatchAsync(host);
        var (subject, body) = MailsTo(host, email).Single();
        var token = LinkToken(host, email);
        var anonymous = host.Anonymous();
        var greeting = await anonymous.GetFromJsonAsync<JsonElement>($"/api/invitations/{token}", Ct);
        var weak = await anonymous.PostAsJsonAsync($"/api/invitations/{token}", new { password = "short" }, Ct);
        var accepted = await anonymous.PostAsJsonAsync($"/api/invitations/{token}", new { password = NewPassword }, Ct);
        var again = await anonymous.PostAsJsonAsync($"/api/invitations/{token}", new { password = NewPassword + "!" }, Ct);
        var login = await AuthTestData.LoginAsync(host.Anonymous(), email, NewPassword);

        Assert.Null(queued.InstanceId);
        Assert.DoesNotContain(token, queued.DataJson ?? "", StringComparison.Ordinal);
        Assert.Contains("신사동 주민센터", subject + body, StringComparison.Ordinal);
        Assert.Contains("장관리 주무관", body, StringComparison.Ordinal);
        Assert.DoesNotContain("초대된 주무관", subject + body, StringComparison.Ordinal);
        Assert.Equal(email, greeting.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Equal("invitation-used", await CodeAsync(again));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task A_link_past_its_72_hours_is_refused_as_expired_and_an_unknown_one_as_not_found()
    {
        var admin = await host.SignInAsync(GwanakAdmin);
        var email = $"late-{Guid.NewGuid():N}@example.org";
        await InviteAsync(admin, "sinsa-dong", email: email);
        await DispatchAsync(host);
        var token = LinkToken(host, email);

        host.Clock.Advance(TimeSpan.FromHours(73));
        var expired = await host.Anonymous().PostAsJsonAsync($"/api/invitations/{token}", new { password = NewPassword }, Ct);
        var unknown = await host.Anonymous().GetAsync($"/api/invitations/{token}x", Ct);

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal("invitation-expired", await CodeAsync(expired));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("invitation-not-found", await CodeAsync(unknown));
    }

    [Fact]
    public async Task A_password_reset_mails_a_new_link_the_old_link_stops_and_setting_it_ends_the_workers_sessions()
    {
        var admin = await host.SignInAsync(GwanakAdmin);
        var email = $"reset-{Guid.NewGuid():N}@example.org";
        var worker = await InviteAsync(admin, "sinsa-dong", email: email);
        var id = worker.GetProperty("id").GetGuid();
        await DispatchAsync(host);
        var first = LinkToken(host, email);
        (await host.Anonymous().PostAsJsonAsync($"/api/invitations/{first}", new { password = NewPassword }, Ct)).EnsureSuccessStatusCode();
        var (access, _) = await AuthTestData.TokensAsync(host, email, NewPassword);

        var reset = await admin.PostAsync($"/api/admin/workers/{id}/reset-password", null, Ct);
        Assert.True(reset.IsSuccessStatusCode, await reset.Content.ReadAsStringAsync(Ct));
        await DispatchAsync(host);
        var second = LinkToken(host, email, first);
        var stillSignedIn = await AuthTestData.MeAsync(AuthTestData.Bearer(host, access));
        (await host.Anonymous().PostAsJsonAsync($"/api/invitations/{second}", new { password = "Another-Password-2026" }, Ct)).EnsureSuccessStatusCode();

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn);
        Assert.Equal(HttpStatusCode.Unauthorized, await AuthTestData.MeAsync(AuthTestData.Bearer(host, access)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthTestData.LoginAsync(host.Anonymous(), email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AuthTestData.LoginAsync(host.Anonymous(), email, "Another-Password-2026")).StatusCode);
    }
}
