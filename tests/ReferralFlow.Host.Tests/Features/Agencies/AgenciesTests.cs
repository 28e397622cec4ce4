using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Agencies;

public sealed class AgenciesTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_worker_lists_the_agencies_of_their_district_filtered_by_kind_and_never_another_districts()
    {
        var client = await host.SignInAsync("nanum-joy.worker");

        var all = await client.GetAllItemsAsync("/api/agencies");
        var dongCentres = await client.GetAllItemsAsync("/api/agencies?district=관악구&kind=dongCentre");
        var elsewhere = await client.GetAsync("/api/agencies?district=%EB%8F%99%EC%9E%91%EA%B5%AC", Ct);
        var elsewhereOne = await client.GetAsync("/api/agencies/dongjak-hub", Ct);

        Assert.Equal(10, all.Length);
        Assert.All(all, a => Assert.Equal("관악구", a.GetProperty("district").GetString()));
        Assert.Equal(5, dongCentres.Length);
        Assert.All(dongCentres, a =>
        {
            Assert.Equal("dongCentre", a.GetProperty("kind").GetString());
            Assert.True(a.GetProperty("isPublic").GetBoolean());
            Assert.EndsWith("동", a.GetProperty("dong").GetString(), StringComparison.Ordinal);
        });
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhereOne.StatusCode);
    }

    [Fact]
    public async Task One_agency_by_id_and_404_for_an_unknown_one()
    {
        var client = await host.SignInAsync("nangok-dong.worker");

        var agency = await client.GetFromJsonAsync<JsonElement>("/api/agencies/sillim-welfare", Ct);
        var missing = await client.GetAsync("/api/agencies/no-such-agency", Ct);

        Assert.Equal("신림종합사회복지관", agency.GetProperty("name").GetString());
        Assert.Equal("welfareCentre", agency.GetProperty("kind").GetString());
        Assert.False(agency.GetProperty("isPublic").GetBoolean());
        Assert.Equal("관악구", agency.GetProperty("district").GetString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_unknown_kind_is_400_naming_kind_and_anonymous_callers_get_401()
    {
        var client = await host.SignInAsync("nangok-dong.worker");

        var response = await client.GetAsync("/api/agencies?kind=spaceship", Ct);
        var anonymous = await host.Anonymous().GetAsync("/api/agencies", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("kind", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
