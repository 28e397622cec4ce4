using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Allocations;

/// <summary>The allocation editor's checks: coverage of every published role in every dong, the preview line, the page and its history.</summary>
public sealed class AllocationEditorTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Admin = "gwanak-hub.districtadmin";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_table_without_the_hub_row_is_refused_naming_the_hub_role_in_every_dong()
    {
        var admin = await host.SignInAsync(Admin);
        var table = await admin.GetFromJsonAsync<JsonElement>("/api/role-allocations/table", Ct);
        var rows = Rows(table);

        var before = await admin.GetFromJsonAsync<JsonElement>("/api/role-allocations/coverage", Ct);
        var refused = await admin.PutAsJsonAsync("/api/role-allocations", new { district = DemoData.District, allocations = rows.Where(r => r.RoleKey != "hub") }, Ct);
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/role-allocations/table", Ct);

        var dongs = before.GetProperty("dongs").EnumerateArray().Select(d => d.GetString()!).ToList();
        Assert.Contains("난향동", dongs);
        Assert.Contains(before.GetProperty("workflows").EnumerateArray(), w => w.GetProperty("key").GetString() == "hoarding-household");
        Assert.Empty(before.GetProperty("gaps").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.All(problem.GetProperty("errorCodes").GetProperty("allocations").EnumerateArray(), c => Assert.Equal("allocation-gap", c.GetString()));
        var messages = problem.GetProperty("errors").GetProperty("allocations").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Equal(dongs.Count, messages.Count);
        Assert.All(dongs, dong => Assert.Contains(messages, m => m.Contains("'hub'", StringComparison.Ordinal) && m.Contains(dong, StringComparison.Ordinal)));
        Assert.Equal(table.GetProperty("version").GetString(), after.GetProperty("version").GetString());
    }

    [Fact]
    public async Task The_preview_names_the_agency_of_each_role_for_a_referral_from_a_dong()
    {
        var admin = await host.SignInAsync(Admin);

        var preview = await admin.GetFromJsonAsync<JsonElement>("/api/role-allocations/preview?workflowKey=hoarding-household&dong=%EB%82%9C%ED%96%A5%EB%8F%99", Ct);
        var unknown = await admin.GetAsync("/api/role-allocations/preview?workflowKey=no-such-workflow&dong=%EB%82%9C%ED%96%A5%EB%8F%99", Ct);
        var other = await admin.GetAsync("/api/role-allocations/preview?district=%EB%8F%99%EC%9E%91%EA%B5%AC&workflowKey=hoarding-household&dong=x", Ct);

        var roles = preview.GetProperty("roles").EnumerateArray().ToDictionary(r => r.GetProperty("roleKey").GetString()!, r => r.GetProperty("agencyName").GetString());
        Assert.Equal("난향동 주민센터", roles["dong"]);
        Assert.Equal("관악구 희망복지지원단", roles["hub"]);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task The_editor_page_shows_the_table_the_preview_line_and_the_history_and_refuses_a_worker()
    {
        var admin = await host.SignInAsync(Admin);
        var table = await admin.GetFromJsonAsync<JsonElement>("/api/role-allocations/table", Ct);
        (await admin.PutAsJsonAsync("/api/role-allocations", new { district = DemoData.District, allocations = Rows(table) }, Ct)).EnsureSuccessStatusCode();
        var page = await host.SignInToPagesAsync(Admin);
        var worker = await host.SignInToPagesAsync("nangok-dong.worker");

        var html = WebUtility.HtmlDecode(await page.GetStringAsync("/admin/allocations?workflowKey=hoarding-household&dong=%EB%82%9C%ED%96%A5%EB%8F%99", Ct));
        var refused = await worker.GetAsync("/admin/allocations", Ct);

        Assert.Contains("<h1>역할 배정표</h1>", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"1행 역할\"", html, StringComparison.Ordinal);
        Assert.Contains("난향동에서 ‘", html, StringComparison.Ordinal);
        Assert.Contains("관악구 희망복지지원단", html, StringComparison.Ordinal);
        Assert.Contains("관악구:", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static List<Row> Rows(JsonElement table) =>
        [.. table.GetProperty("allocations").EnumerateArray().Select(r => new Row(
            r.TryGetProperty("dong", out var dong) ? dong.GetString() : null, r.GetProperty("roleKey").GetString()!, r.GetProperty("agencyId").GetString()!))];

    private sealed record Row(string? Dong, string RoleKey, string AgencyId);
}
