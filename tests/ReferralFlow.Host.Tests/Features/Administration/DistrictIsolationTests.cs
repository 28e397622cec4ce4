using System.Net;
using System.Net.Http.Json;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Infrastructure;
using static ReferralFlow.Host.Tests.Features.Administration.AdminTestData;

namespace ReferralFlow.Host.Tests.Features.Administration;

/// <summary>
/// The isolation matrix: every demo user of one district (the platform's system administrator aside) against every
/// administrative resource of the other — agencies, workers, role allocations, audit, a referral and its pending transfer —
/// answers 403 or 404, both ways round, and nothing of the other district shows up in their lists.
/// </summary>
public sealed class DistrictIsolationTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Directions => new()
    {
        { DemoData.District, DemoData.OtherDistrict },
        { DemoData.OtherDistrict, DemoData.District },
    };

    [Theory]
    [MemberData(nameof(Directions))]
    public async Task Every_user_of_one_district_gets_403_or_404_for_every_administrative_resource_of_the_other(string own, string other)
    {
        var system = await host.SignInAsync(SystemAdmin);
        var theirAgencies = DemoData.Agencies.Where(a => a.District == other).Select(a => a.Id).ToList();
        var theirWorkers = (await system.GetAllItemsAsync($"/api/admin/workers"))
            .Where(w => w.GetProperty("district").GetString() == other).Select(w => w.GetProperty("id").GetGuid()).ToList();
        var users = DemoData.Users.Where(u => DistrictOf(u.AgencyId) == own && !u.Roles.Contains(Roles.SystemAdmin)).Select(u => u.Login).ToList();
        var (theirReferral, theirTransfer) = await PendingTransferOfAsync(system, other);
        var district = Uri.EscapeDataString(other);
        var refused = new List<string>();
        foreach (var login in users)
        {
            var client = await host.SignInAsync(login);
            async Task CallAsync(HttpMethod method, string path, object? body = null)
            {
                using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
                var status = (await client.SendAsync(request, Ct)).StatusCode;
                if (status is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                {
                    refused.Add($"{login}: {method} {path} answered {(int)status}");
                }
            }

            await CallAsync(HttpMethod.Get, $"/api/agencies?district={district}");
            await CallAsync(HttpMethod.Get, $"/api/admin/agencies?district={district}");
            foreach (var agency in theirAgencies)
            {
                await CallAsync(HttpMethod.Get, $"/api/agencies/{agency}");
                await CallAsync(HttpMethod.Get, $"/api/admin/agencies/{agency}");
                await CallAsync(HttpMethod.Put, $"/api/admin/agencies/{agency}", new { name = "바뀐 이름", kind = "volunteer", isPublic = false });
                await CallAsync(HttpMethod.Post, $"/api/admin/agencies/{agency}/deactivate");
                await CallAsync(HttpMethod.Post, "/api/admin/workers", new { email = $"x-{Guid.NewGuid():N}@example.org", displayName = "x", agencyId = agency, roles = new[] { "worker" } });
            }

            foreach (var worker in theirWorkers)
            {
                await CallAsync(HttpMethod.Get, $"/api/admin/workers/{worker}");
                await CallAsync(HttpMethod.Put, $"/api/admin/workers/{worker}", new { displayName = "x", roles = new[] { "worker" } });
                await CallAsync(HttpMethod.Post, $"/api/admin/workers/{worker}/deactivate");
                await CallAsync(HttpMethod.Post, $"/api/admin/workers/{worker}/reset-password");
                await CallAsync(HttpMethod.Post, $"/api/admin/workers/{worker}/reset-two-factor");
            }

            await CallAsync(HttpMethod.Get, $"/api/admin/settings?district={district}");
            await CallAsync(HttpMethod.Put, $"/api/admin/settings?district={district}", new
            {
                version = 0,
                holidays = new Dictionary<string, string[]>(),
                policies = new Dictionary<string, object>(),
                retentionYears = 1,
                requireTwoFactorForCaseReaders = false,
            });

            await CallAsync(HttpMethod.Get, $"/api/role-allocations?district={district}");
            await CallAsync(HttpMethod.Get, $"/api/role-allocations/table?district={district}");
            await CallAsync(HttpMethod.Put, "/api/role-allocations", new { district = other, allocations = new[] { new { roleKey = "hub", agencyId = theirAgencies[0] } } });
            await CallAsync(HttpMethod.Get, $"/api/audit?district={district}");
            await CallAsync(HttpMethod.Get, $"/api/referrals/{theirReferral}");
            await CallAsync(HttpMethod.Post, $"/api/referrals/{theirReferral}/transfers", new { toDistrict = own, reasonCode = "moved", version = 2 });
            await CallAsync(HttpMethod.Get, $"/api/transfers/{theirTransfer}");
            await CallAsync(HttpMethod.Post, $"/api/transfers/{theirTransfer}/accept", new { ownerAgencyId = DemoData.Agencies.First(a => a.District == own && a.IsPublic).Id, version = 1 });
            await CallAsync(HttpMethod.Post, $"/api/transfers/{theirTransfer}/decline", new { reasonCode = "other", version = 1 });
            if ((await client.GetAllItemsAsync("/api/transfers")).Any(t => t.GetProperty("fromDistrict").GetString() == other || t.GetProperty("toDistrict").GetString() == other))
            {
                refused.Add($"{login}: /api/transfers lists a transfer of {other}");
            }

            await ListsShowNothingOfAsync(client, login, other, refused);
        }

        Assert.True(users.Count >= 6 && theirWorkers.Count >= 4, $"{users.Count} users, {theirWorkers.Count} workers of {other}");
        Assert.Empty(refused);
        Assert.Equal(theirAgencies.Order(StringComparer.Ordinal), (await system.GetAllItemsAsync($"/api/admin/agencies?district={district}")).Select(a => a.GetProperty("id").GetString()!).Order(StringComparer.Ordinal));
    }

    // What a user may list (their agencies, workers, audit) holds nothing of the other district.
    private static async Task ListsShowNothingOfAsync(HttpClient client, string login, string other, List<string> refused)
    {
        foreach (var path in new[] { "/api/agencies", "/api/admin/agencies", "/api/admin/workers", "/api/audit" })
        {
            var response = await client.GetAsync(path, Ct);
            if (!response.IsSuccessStatusCode)
            {
                continue;
            }

            var items = await client.GetAllItemsAsync(path);
            if (items.Any(i => i.TryGetProperty("district", out var d) && d.GetString() == other))
            {
                refused.Add($"{login}: {path} lists something of {other}");
            }
        }
    }

    // A referral of the other district with a pending transfer to a third district (neither side of the matrix).
    private async Task<(Guid Referral, Guid Transfer)> PendingTransferOfAsync(HttpClient system, string district)
    {
        await system.PostAsJsonAsync("/api/admin/agencies", new { id = "seocho-hub", name = "서초구 희망복지지원단", kind = "districtHub", district = ThirdDistrict }, Ct);
        var dong = DemoData.Agencies.First(a => a.District == district && a.Kind == AgencyKind.DongCentre);
        var login = DemoData.Users.First(u => u.AgencyId == dong.Id).Login;
        var owner = await host.SignInAsync(login);
        var body = Referrals.ReferralScenario.Body(agencyIds: [DemoData.Agencies.First(a => a.District == district && a.Kind == AgencyKind.WelfareCentre).Id]);
        body["dong"] = dong.Dong;
        var referral = (await Referrals.ReferralScenario.OpenAsync(owner, body)).GetProperty("id").GetGuid();
        var transfer = await Transfers.TransferScenario.RequestedAsync(owner, referral, ThirdDistrict);
        return (referral, transfer);
    }

    private const string ThirdDistrict = "서초구";

    private static string DistrictOf(string agencyId) => DemoData.Agencies.Single(a => a.Id == agencyId).District;
}
