using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Features.Allocations;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Allocations;

public sealed class AllocationsTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string District = "관악구";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Effective_defaults_of_a_dong_take_its_own_rows_over_the_district_wide_ones()
    {
        var client = await host.SignInAsync("nangok-dong.worker");

        var nangok = await client.GetFromJsonAsync<JsonElement>($"/api/role-allocations?district={District}&dong=난곡동", Ct);
        var districtWide = await client.GetFromJsonAsync<JsonElement>("/api/role-allocations", Ct);

        var dong = Role(nangok, "dong");
        Assert.Equal("nangok-dong", dong.GetProperty("agencyId").GetString());
        Assert.Equal("난곡동 주민센터", dong.GetProperty("agencyName").GetString());
        Assert.Equal("dong", dong.GetProperty("source").GetString());
        var cleaning = Role(nangok, "cleaning");
        Assert.Equal("gwanak-cleaning", cleaning.GetProperty("agencyId").GetString());
        Assert.Equal("district", cleaning.GetProperty("source").GetString());
        Assert.Equal(District, districtWide.GetProperty("district").GetString());
        Assert.Equal("gwanak-hub", Role(districtWide, "dong").GetProperty("agencyId").GetString());
    }

    [Fact]
    public async Task Only_the_district_hub_or_an_administrator_may_replace_the_defaults()
    {
        var worker = await host.SignInAsync("nangok-dong.worker");
        var hub = await host.SignInAsync("gwanak-hub.worker");
        var table = await hub.GetFromJsonAsync<JsonElement>("/api/role-allocations/table", Ct);
        var rows = Rows(table);
        var changed = rows.Select(r => r.RoleKey == "meals" && r.Dong is null ? r with { AgencyId = "sillim-welfare" } : r).ToList();

        var byWorker = await worker.PutAsJsonAsync("/api/role-allocations", new { district = District, allocations = changed }, Ct);
        var byHub = await hub.PutAsJsonAsync("/api/role-allocations", new { district = District, allocations = changed }, Ct);
        var meals = Role(await hub.GetFromJsonAsync<JsonElement>("/api/role-allocations", Ct), "meals");
        var otherDistrict = await hub.PutAsJsonAsync("/api/role-allocations", new { district = "동작구", allocations = changed }, Ct);
        var restored = await hub.PutAsJsonAsync("/api/role-allocations", new { district = District, allocations = rows }, Ct);

        Assert.Equal(HttpStatusCode.Forbidden, byWorker.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byHub.StatusCode);
        Assert.Equal("sillim-welfare", meals.GetProperty("agencyId").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, otherDistrict.StatusCode);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal(table.GetProperty("version").GetString(), (await restored.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetString());
    }

    [Fact]
    public async Task A_replacement_naming_an_unknown_agency_or_a_bad_role_key_is_400_naming_the_row()
    {
        var hub = await host.SignInAsync("gwanak-hub.worker");
        var allocations = new object[]
        {
            new { roleKey = "cleaning", agencyId = "gwanak-cleaning" },
            new { dong = "난곡동", roleKey = "Not A Slug", agencyId = "nangok-dong" },
            new { roleKey = "meals", agencyId = "no-such-agency" },
        };

        var response = await hub.PutAsJsonAsync("/api/role-allocations", new { district = District, allocations }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var codes = problem.GetProperty("errorCodes");
        Assert.Equal("invalid-request", problem.GetProperty("code").GetString());
        Assert.Equal("role-key-invalid", codes.GetProperty("allocations[1].roleKey")[0].GetString());
        Assert.Equal("agency-not-found", codes.GetProperty("allocations[2].agencyId")[0].GetString());
        Assert.False(problem.GetProperty("errors").TryGetProperty("allocations[0].agencyId", out _));
        Assert.Equal("gwanak-cleaning", Role(await hub.GetFromJsonAsync<JsonElement>("/api/role-allocations", Ct), "cleaning").GetProperty("agencyId").GetString());
    }

    [Fact]
    public async Task A_replacement_from_a_stale_table_version_is_409()
    {
        var hub = await host.SignInAsync("gwanak-hub.worker");
        var table = await hub.GetFromJsonAsync<JsonElement>("/api/role-allocations/table", Ct);

        var response = await hub.PutAsJsonAsync("/api/role-allocations", new { district = District, allocations = Rows(table), version = "\"0000000000000000\"" }, Ct);
        var current = await hub.PutAsJsonAsync("/api/role-allocations", new { district = District, allocations = Rows(table), version = table.GetProperty("version").GetString() }, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("concurrency-conflict", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task The_resolver_prefers_overrides_then_dong_rows_then_district_rows()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var resolver = scope.ServiceProvider.GetRequiredService<RoleAllocationResolver>();

        var resolved = await resolver.ResolveAsync(District, "난곡동", ["dong", "cleaning", "health"],
            new Dictionary<string, string> { ["health"] = "sillim-welfare" }, Ct);

        Assert.Equal("nangok-dong", resolved["dong"]);
        Assert.Equal("gwanak-cleaning", resolved["cleaning"]);
        Assert.Equal("sillim-welfare", resolved["health"]);
        Assert.Equal(3, resolved.Count);
    }

    [Fact]
    public async Task The_resolver_names_each_role_left_unallocated_or_overridden_with_an_unknown_agency()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var resolver = scope.ServiceProvider.GetRequiredService<RoleAllocationResolver>();

        var error = await Assert.ThrowsAsync<ApiException>(() => resolver.ResolveAsync(District, "난곡동", ["dong", "plumbing", "meals"],
            new Dictionary<string, string> { ["meals"] = "no-such-agency", ["cleaningg"] = "gwanak-cleaning" }, Ct));

        Assert.Equal(400, error.Status);
        Assert.Equal(["roleAllocations.cleaningg", "roleAllocations.meals", "roleAllocations.plumbing"], error.Errors!.Keys.Order(StringComparer.Ordinal));
    }

    private static JsonElement Role(JsonElement response, string role) =>
        response.GetProperty("allocations").EnumerateArray().Single(a => a.GetProperty("roleKey").GetString() == role);

    private static List<Row> Rows(JsonElement table) =>
        [.. table.GetProperty("allocations").EnumerateArray().Select(r => new Row(
            r.TryGetProperty("dong", out var dong) ? dong.GetString() : null, r.GetProperty("roleKey").GetString()!, r.GetProperty("agencyId").GetString()!))];

    private sealed record Row(string? Dong, string RoleKey, string AgencyId);
}
