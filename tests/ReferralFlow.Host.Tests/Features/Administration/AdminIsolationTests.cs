using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Infrastructure;
using static ReferralFlow.Host.Tests.Features.Administration.AdminTestData;

namespace ReferralFlow.Host.Tests.Features.Administration;

/// <summary>
/// A district administrator sees and changes only their own district: every agency and worker endpoint answers 404
/// for the other district's agencies and workers (both ways round), and platform-level things are 403.
/// </summary>
public sealed class AdminIsolationTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Directions => new()
    {
        { GwanakAdmin, DemoData.OtherDistrict },
        { DongjakAdmin, DemoData.District },
    };

    [Theory]
    [MemberData(nameof(Directions))]
    public async Task Every_agency_and_worker_endpoint_answers_404_for_the_other_districts(string login, string otherDistrict)
    {
        var admin = await host.SignInAsync(login);
        var system = await host.SignInAsync(SystemAdmin);
        var agencies = (await system.GetAllItemsAsync($"/api/admin/agencies?district={Uri.EscapeDataString(otherDistrict)}")).Select(a => a.GetProperty("id").GetString()!).ToList();
        var workers = new List<Guid>();
        foreach (var agency in agencies)
        {
            workers.AddRange((await system.GetAllItemsAsync($"/api/admin/workers?agencyId={agency}"))
                .Where(w => !w.GetProperty("roles").EnumerateArray().Any(r => r.GetString() == "system-admin"))
                .Select(w => w.GetProperty("id").GetGuid()));
        }

        var calls = new List<(string Call, HttpStatusCode Status)>();
        foreach (var agency in agencies)
        {
            calls.Add(await CallAsync(admin, HttpMethod.Get, $"/api/admin/agencies/{agency}"));
            calls.Add(await CallAsync(admin, HttpMethod.Put, $"/api/admin/agencies/{agency}", new { name = "바뀐 이름", kind = "welfareCentre", isPublic = false }));
            calls.Add(await CallAsync(admin, HttpMethod.Post, $"/api/admin/agencies/{agency}/deactivate"));
            calls.Add(await CallAsync(admin, HttpMethod.Post, $"/api/admin/agencies/{agency}/reactivate"));
            calls.Add(await CallAsync(admin, HttpMethod.Post, "/api/admin/workers", new { email = $"x-{Guid.NewGuid():N}@example.org", displayName = "x", agencyId = agency, roles = new[] { "worker" } }));
        }

        foreach (var worker in workers)
        {
            calls.Add(await CallAsync(admin, HttpMethod.Get, $"/api/admin/workers/{worker}"));
            calls.Add(await CallAsync(admin, HttpMethod.Put, $"/api/admin/workers/{worker}", new { displayName = "x", roles = new[] { "worker" } }));
            calls.Add(await CallAsync(admin, HttpMethod.Post, $"/api/admin/workers/{worker}/move", new { agencyId = agencies[0] }));
            foreach (var action in new[] { "deactivate", "reactivate", "lock", "unlock", "reset-password" })
            {
                calls.Add(await CallAsync(admin, HttpMethod.Post, $"/api/admin/workers/{worker}/{action}"));
            }
        }

        var listedAgencies = await admin.GetAllItemsAsync("/api/admin/agencies");
        var listedWorkers = await admin.GetAllItemsAsync("/api/admin/workers");

        Assert.True(agencies.Count >= 4 && workers.Count >= 3, $"{agencies.Count} agencies, {workers.Count} workers");
        Assert.All(calls, c => Assert.True(c.Status == HttpStatusCode.NotFound, $"{c.Call} answered {c.Status}"));
        Assert.DoesNotContain(listedAgencies, a => a.GetProperty("district").GetString() == otherDistrict);
        Assert.DoesNotContain(listedWorkers, w => w.GetProperty("district").GetString() == otherDistrict);
        Assert.NotEmpty(listedWorkers);
    }

    [Fact]
    public async Task A_district_administrator_cannot_grant_system_admin_touch_a_system_administrator_or_create_in_another_district()
    {
        var admin = await host.SignInAsync(GwanakAdmin);
        var system = (await (await host.SignInAsync(SystemAdmin)).GetFromJsonAsync<JsonElement>("/api/auth/me", Ct)).GetProperty("id").GetGuid();
        var worker = (await InviteAsync(admin, "jowon-dong")).GetProperty("id").GetGuid();

        var grant = await admin.PutAsJsonAsync($"/api/admin/workers/{worker}", new { displayName = "x", roles = new[] { "worker", "system-admin" } }, Ct);
        var invite = await admin.PostAsJsonAsync("/api/admin/workers", new { email = $"y-{Guid.NewGuid():N}@example.org", displayName = "y", agencyId = "jowon-dong", roles = new[] { "system-admin" } }, Ct);
        var platform = await admin.PostAsync($"/api/admin/workers/{system}/lock", null, Ct);
        var elsewhere = await admin.PostAsJsonAsync("/api/admin/agencies", new { id = "heukseok-dong", name = "흑석동 주민센터", kind = "dongCentre", dong = "흑석동", district = DemoData.OtherDistrict }, Ct);
        var worker2 = await (await host.SignInAsync("nangok-dong.worker")).GetAsync("/api/admin/agencies", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, grant.StatusCode);
        Assert.Equal("role-grant-forbidden", await CodeAsync(grant));
        Assert.Equal(HttpStatusCode.Forbidden, invite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, platform.StatusCode);
        Assert.Equal("platform-account", await CodeAsync(platform));
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal("admin-other-district", await CodeAsync(elsewhere));
        Assert.Equal(HttpStatusCode.Forbidden, worker2.StatusCode);
        Assert.Equal("admin-forbidden", await CodeAsync(worker2));
    }

    private static async Task<(string, HttpStatusCode)> CallAsync(HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await client.SendAsync(request, Ct);
        return ($"{method} {path}", response.StatusCode);
    }
}
