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

    [Fact]
    public async Task A_district_administrator_reads_the_audit_log_of_their_own_district_only()
    {
        var gwanak = await host.SignInAsync(GwanakAdmin);
        var dongjak = await host.SignInAsync(DongjakAdmin);
        var gwanakId = $"audit-gw-{Guid.NewGuid():N}"[..30];
        var dongjakId = $"audit-dj-{Guid.NewGuid():N}"[..30];
        (await gwanak.PostAsJsonAsync("/api/admin/agencies", new { id = gwanakId, name = "관악 감사 봉사단", kind = "volunteer" }, Ct)).EnsureSuccessStatusCode();
        (await dongjak.PostAsJsonAsync("/api/admin/agencies", new { id = dongjakId, name = "동작 감사 봉사단", kind = "volunteer" }, Ct)).EnsureSuccessStatusCode();

        var own = await gwanak.GetAllItemsAsync("/api/audit?action=admin.agency-created");
        var theirs = await dongjak.GetAllItemsAsync("/api/audit?action=admin.agency-created");
        var named = await gwanak.GetAsync("/api/audit?district=%EB%8F%99%EC%9E%91%EA%B5%AC", Ct);
        var worker = await (await host.SignInAsync("nangok-dong.worker")).GetAsync("/api/audit", Ct);
        var system = await (await host.SignInAsync(SystemAdmin)).GetAllItemsAsync("/api/audit?action=admin.agency-created");

        static string Detail(System.Text.Json.JsonElement e) => e.GetProperty("detail").GetString()!;
        Assert.Contains(own, e => Detail(e).Contains(gwanakId, StringComparison.Ordinal));
        Assert.DoesNotContain(own, e => Detail(e).Contains(dongjakId, StringComparison.Ordinal));
        Assert.Contains(theirs, e => Detail(e).Contains(dongjakId, StringComparison.Ordinal));
        Assert.DoesNotContain(theirs, e => Detail(e).Contains(gwanakId, StringComparison.Ordinal));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, named.StatusCode);
        Assert.Equal("admin-other-district", await CodeAsync(named));
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, worker.StatusCode);
        Assert.Equal("audit-forbidden", await CodeAsync(worker));
        Assert.Contains(system, e => Detail(e).Contains(dongjakId, StringComparison.Ordinal));
        Assert.Contains(system, e => Detail(e).Contains(gwanakId, StringComparison.Ordinal));
    }
}
