using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Tests.Features.Tasks;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Alerts;

/// <summary>
/// Notification preferences: defaults follow the agency (a shared mailbox hears of new steps, its workers see them in
/// the app), a worker's choice survives signing out, bad values are 400 with a stable code, only supervisors set the
/// agency's defaults, and a district's mandatory escalations cannot be turned off by a worker.
/// </summary>
public sealed class PreferencesTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_workers_choice_survives_signing_out_and_inherit_brings_back_the_default()
    {
        var worker = await host.SignInAsync("sinsa-dong.worker");
        var defaults = await worker.GetFromJsonAsync<JsonElement>("/api/notification-preferences", Ct);
        Assert.Equal("app-only", Mine(defaults, "new-step").GetProperty("mode").GetString());
        Assert.Equal("immediately", Mine(defaults, "assigned").GetProperty("mode").GetString());

        var put = await worker.PutAsJsonAsync("/api/notification-preferences", new { modes = new Dictionary<string, string> { ["new-step"] = "immediately", ["assigned"] = "digest" } }, Ct);
        put.EnsureSuccessStatusCode();
        (await worker.PostAsync("/api/auth/logout", null, Ct)).Dispose();

        var again = await host.SignInAsync("sinsa-dong.worker");
        var saved = await again.GetFromJsonAsync<JsonElement>("/api/notification-preferences", Ct);
        Assert.Equal("immediately", Mine(saved, "new-step").GetProperty("mode").GetString());
        Assert.True(Mine(saved, "new-step").GetProperty("chosen").GetBoolean());
        Assert.Equal("digest", Mine(saved, "assigned").GetProperty("mode").GetString());

        (await again.PutAsJsonAsync("/api/notification-preferences", new { inherit = new[] { "new-step" } }, Ct)).EnsureSuccessStatusCode();
        var inherited = await again.GetFromJsonAsync<JsonElement>("/api/notification-preferences", Ct);
        Assert.Equal("app-only", Mine(inherited, "new-step").GetProperty("mode").GetString());
        Assert.False(Mine(inherited, "new-step").GetProperty("chosen").GetBoolean());
    }

    [Fact]
    public async Task Unknown_kinds_and_modes_are_400_and_agency_defaults_are_for_supervisors()
    {
        var worker = await host.SignInOnceAsync("jowon-dong.worker");
        var bad = await worker.PutAsJsonAsync("/api/notification-preferences", new { modes = new Dictionary<string, string> { ["new-step"] = "hourly", ["gossip"] = "digest" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("modes.new-step", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains("modes.gossip", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));

        var forbidden = await worker.PutAsJsonAsync("/api/notification-preferences", new { agencyDefaults = new Dictionary<string, string> { ["new-step"] = "digest" } }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("alert-defaults-forbidden", (await forbidden.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());

        var supervisor = await host.SignInOnceAsync("sangdo1-dong.supervisor");
        var set = await supervisor.PutAsJsonAsync("/api/notification-preferences", new { agencyDefaults = new Dictionary<string, string> { ["assigned"] = "digest" } }, Ct);
        set.EnsureSuccessStatusCode();
        var colleague = await host.SignInOnceAsync("sangdo1-dong.worker");
        var inherited = await colleague.GetFromJsonAsync<JsonElement>("/api/notification-preferences", Ct);
        Assert.Equal("digest", Mine(inherited, "assigned").GetProperty("mode").GetString());
    }

    [Fact]
    public async Task A_district_that_makes_escalations_mandatory_refuses_turning_them_off()
    {
        var worker = await host.SignInOnceAsync("dongjak-welfare.worker");
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PutAsJsonAsync("/api/notification-preferences", new { escalationsMandatory = true }, Ct)).StatusCode);
        var admin = await host.SignInOnceAsync("dongjak-hub.districtadmin");
        (await admin.PutAsJsonAsync("/api/notification-preferences", new { escalationsMandatory = true }, Ct)).EnsureSuccessStatusCode();

        var refused = await worker.PutAsJsonAsync("/api/notification-preferences", new { modes = new Dictionary<string, string> { ["escalation"] = "app-only" } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("modes.escalation", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var mine = await worker.GetFromJsonAsync<JsonElement>("/api/notification-preferences", Ct);
        Assert.True(mine.GetProperty("escalationsMandatory").GetBoolean());
        Assert.Equal("immediately", Mine(mine, "escalation").GetProperty("mode").GetString());
    }

    private static JsonElement Mine(JsonElement preferences, string kind) =>
        preferences.GetProperty("mine").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == kind);
}
