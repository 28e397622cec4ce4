using System.Net.Http.Json;
using ReferralFlow.Host.Tests.Features.Auth;
using ReferralFlow.Host.Tests.Features.Notifications;
using ReferralFlow.Host.Tests.Infrastructure;
using static ReferralFlow.Host.Tests.Features.Administration.AdminTestData;

namespace ReferralFlow.Host.Tests.Features.Administration;

/// <summary>Every administrative change is audited — who, what, before and after — and no password, token or secret is.</summary>
public sealed class AdminAuditTests(SmtpHostFixture host) : IClassFixture<SmtpHostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_worker_change_leaves_an_audit_row_with_before_and_after_and_none_holds_a_secret()
    {
        var admin = await host.SignInAsync(GwanakAdmin);
        var email = $"audited-{Guid.NewGuid():N}@example.org";
        var id = (await InviteAsync(admin, "sinsa-dong", email: email)).GetProperty("id").GetGuid();
        await DispatchAsync(host);
        var token = LinkToken(host, email);
        (await host.Anonymous().PostAsJsonAsync($"/api/invitations/{token}", new { password = NewPassword }, Ct)).EnsureSuccessStatusCode();
        (await admin.PutAsJsonAsync($"/api/admin/workers/{id}", new { displayName = "감사 주무관", roles = new[] { "worker", "supervisor" } }, Ct)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/admin/workers/{id}/move", new { agencyId = "jowon-dong" }, Ct)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/admin/workers/{id}/lock", null, Ct)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/admin/workers/{id}/unlock", null, Ct)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/admin/workers/{id}/reset-password", null, Ct)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/admin/workers/{id}/deactivate", null, Ct)).EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/admin/workers/{id}/reactivate", null, Ct)).EnsureSuccessStatusCode();
        var system = await host.SignInAsync(SystemAdmin);

        var entries = (await system.GetAllItemsAsync("/api/audit?action=admin.")).Where(e => e.GetProperty("detail").GetString()!.Contains(id.ToString(), StringComparison.Ordinal)).ToList();
        var actions = entries.Select(e => e.GetProperty("action").GetString()).Reverse().ToList();
        var details = string.Join("\n", entries.Select(e => e.GetProperty("detail").GetString()));

        Assert.Equal(
            ["admin.worker-invited", "admin.invitation-accepted", "admin.worker-updated", "admin.worker-moved", "admin.worker-locked",
                "admin.worker-unlocked", "admin.password-reset-sent", "admin.worker-deactivated", "admin.worker-reactivated"],
            actions);
        Assert.Contains("\"roles\":{\"before\":[\"worker\"],\"after\":[\"supervisor\",\"worker\"]}", details, StringComparison.Ordinal);
        Assert.Contains("\"agencyId\":{\"before\":\"sinsa-dong\",\"after\":\"jowon-dong\"}", details, StringComparison.Ordinal);
        Assert.All(entries.Where(e => e.GetProperty("action").GetString() != "admin.invitation-accepted"), e => Assert.Equal("장관리 주무관", e.GetProperty("userName").GetString()));
        Assert.DoesNotContain(token, details, StringComparison.Ordinal);
        Assert.DoesNotContain(NewPassword, details, StringComparison.Ordinal);
        Assert.DoesNotContain("password\":", details, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash", details, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await AuthTestData.LoginAsync(host.Anonymous(), email, NewPassword)).StatusCode);
    }
}
