using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Infrastructure;
using static ReferralFlow.Host.Tests.Features.Administration.AdminTestData;

namespace ReferralFlow.Host.Tests.Features.Administration.Agencies;

/// <summary>Agencies created, edited, deactivated and reactivated by their district administrator.</summary>
public sealed class AgencyAdministrationTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_district_administrator_creates_and_edits_an_agency_of_their_district_with_coded_problems_for_bad_input()
    {
        var admin = await host.SignInAsync(GwanakAdmin);

        var created = await admin.PostAsJsonAsync("/api/admin/agencies", new { id = "seowon-dong", name = "서원동 주민센터", kind = "dongCentre", dong = "서원동", email = "seowon@example.org" }, Ct);
        var agency = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var taken = await admin.PostAsJsonAsync("/api/admin/agencies", new { id = "seowon-dong", name = "x", kind = "volunteer" }, Ct);
        var noDong = await admin.PostAsJsonAsync("/api/admin/agencies", new { id = "no-dong", name = "x", kind = "dongCentre" }, Ct);
        var badId = await admin.PostAsJsonAsync("/api/admin/agencies", new { id = "Bad Id", name = "x", kind = "volunteer", email = "not-an-address" }, Ct);
        var edited = await admin.PutAsJsonAsync("/api/admin/agencies/seowon-dong", new { name = "서원동 행정복지센터", kind = "dongCentre", isPublic = true, dong = "서원동", email = "seowon@example.org" }, Ct);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("관악구", agency.GetProperty("district").GetString());
        Assert.True(agency.GetProperty("isPublic").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal("agency-id-taken", await CodeAsync(taken));
        Assert.Equal(["dong"], await TaskErrorsAsync(noDong));
        Assert.Equal(["email", "id"], await TaskErrorsAsync(badId));
        Assert.Equal("서원동 행정복지센터", (await edited.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("name").GetString());
        var audit = await AuditAsync(host, "admin.agency-");
        var update = audit.Single(a => a.Action == "admin.agency-updated");
        Assert.Contains(audit, a => a.Action == "admin.agency-created" && a.Detail!.Contains("agency:seowon-dong", StringComparison.Ordinal));
        Assert.Contains("\"name\":{\"before\":\"서원동 주민센터\",\"after\":\"서원동 행정복지센터\"}", update.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("email", update.Detail, StringComparison.Ordinal);
        Assert.NotNull(update.UserId);
    }

    [Fact]
    public async Task A_deactivated_agency_gets_no_new_referral_or_allocation_until_reactivated()
    {
        var admin = await host.SignInAsync(GwanakAdmin);
        var worker = await host.SignInAsync("nangok-dong.worker");

        var deactivated = await admin.PostAsync("/api/admin/agencies/gwanak-cleaning/deactivate", null, Ct);
        var refused = await worker.PostAsJsonAsync("/api/referrals", ReferralScenario.Body(), Ct);
        var allocation = await (await host.SignInAsync("gwanak-hub.worker")).PutAsJsonAsync("/api/role-allocations",
            new { district = "관악구", allocations = new[] { new { roleKey = "cleaning", agencyId = "gwanak-cleaning" } } }, Ct);
        var stillListed = await admin.GetFromJsonAsync<JsonElement>("/api/admin/agencies/gwanak-cleaning", Ct);
        var reactivated = await admin.PostAsync("/api/admin/agencies/gwanak-cleaning/reactivate", null, Ct);
        var opened = await worker.PostAsJsonAsync("/api/referrals", ReferralScenario.Body(), Ct);

        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("agency-inactive", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, allocation.StatusCode);
        Assert.Contains("agency-inactive", await allocation.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.False(stillListed.GetProperty("isActive").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, reactivated.StatusCode);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(["admin.agency-deactivated", "admin.agency-reactivated"], (await AuditAsync(host, "admin.agency-")).Where(a => a.Detail!.Contains("gwanak-cleaning", StringComparison.Ordinal)).Select(a => a.Action));
    }

    [Fact]
    public async Task A_step_cannot_be_moved_to_a_deactivated_agency()
    {
        var referral = await Features.Tasks.TaskTestData.OpenReferralAsync(host, visit: "sillim-welfare");
        var admin = await host.SignInAsync(GwanakAdmin);
        var hub = await host.SignInAsync("gwanak-hub.worker");
        var created = await admin.PostAsJsonAsync("/api/admin/agencies", new { id = "closing-volunteers", name = "문 닫는 봉사단", kind = "volunteer" }, Ct);
        created.EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/admin/agencies/closing-volunteers/deactivate", null, Ct)).EnsureSuccessStatusCode();

        var moved = await hub.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/reassign", new { agencyId = "closing-volunteers", reason = "Volunteers visit." }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
        Assert.Contains("agency-inactive", await moved.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(["agencyId"], await TaskErrorsAsync(moved));
        Assert.Equal("sillim-welfare", (await Features.Tasks.TaskTestData.TaskRowAsync(host, referral.VisitTaskId)).AgencyId);
    }

    private static async Task<List<string>> TaskErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return [.. (await Features.Tasks.TaskTestData.ErrorKeysAsync(response)).Order(StringComparer.Ordinal)];
    }
}
