using System.Net;
using ReferralFlow.Host.Tests.Infrastructure;
using static ReferralFlow.Host.Tests.Features.Administration.AdminTestData;

namespace ReferralFlow.Host.Tests.Features.Administration;

/// <summary>The administration pages render for administrators, in Korean by default, and refuse other workers.</summary>
public sealed class AdminPagesTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_district_administrator_sees_their_districts_pages_and_a_worker_is_refused()
    {
        var admin = await host.SignInToPagesAsync(GwanakAdmin);
        var worker = await host.SignInToPagesAsync("nangok-dong.worker");
        var dongjakWorker = await admin.GetAsync("/admin/agencies/dongjak-hub", Ct);

        var workers = await PageAsync(admin, "/admin/workers");
        var agencies = await PageAsync(admin, "/admin/agencies");
        var agency = await PageAsync(admin, "/admin/agencies/nangok-dong");
        var refused = await worker.GetAsync("/admin/workers", Ct);

        Assert.Contains("<h1>담당자 관리</h1>", workers, StringComparison.Ordinal);
        Assert.Contains("<label for=\"email\">이메일</label>", workers, StringComparison.Ordinal);
        Assert.DoesNotContain("동작구", agencies, StringComparison.Ordinal);
        Assert.Contains("난곡동 주민센터", agency, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, dongjakWorker.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_admin_landing_page_links_the_administration_pages_and_shows_the_districts_latest_changes()
    {
        var admin = await host.SignInToPagesAsync(GwanakAdmin);
        var worker = await host.SignInToPagesAsync("nangok-dong.worker");

        var landing = await PageAsync(admin, "/admin");
        var inbox = await PageAsync(admin, "/inbox");
        var refused = await worker.GetAsync("/admin", Ct);

        Assert.Contains("<h1>구 관리</h1>", landing, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/agencies\"", landing, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/workers\"", landing, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/allocations\"", landing, StringComparison.Ordinal);
        Assert.Contains("최근 관리 기록", landing, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin\"", inbox, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_invitation_page_explains_an_unknown_link_without_a_sign_in()
    {
        var page = await host.Anonymous().GetAsync("/invitation/not-a-real-link-token", Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("링크가 올바르지 않습니다", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync(Ct)), StringComparison.Ordinal);
    }

    // Razor writes Korean as character references.
    private static async Task<string> PageAsync(HttpClient client, string path) => WebUtility.HtmlDecode(await client.GetStringAsync(path, Ct));
}
