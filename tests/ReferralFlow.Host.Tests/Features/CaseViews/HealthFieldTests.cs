using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Features.Tasks;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.CaseViews;

/// <summary>
/// The health centre's screening result (<c>rf:health="true"</c>) on the seed case, with health consent for the health
/// centre only: the health centre and the case owner see the value; the cleaning department sees the case but the value
/// withheld, with the reason, in the referral, its timeline, the task page's earlier steps and the pages.
/// </summary>
public sealed class HealthFieldTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_referral_shows_health_values_to_agencies_with_health_consent_and_withholds_them_from_others()
    {
        var id = await ScreenedReferralAsync();
        var owner = await host.SignInOnceAsync("nangok-dong.worker");
        var health = await host.SignInOnceAsync("gwanak-health.worker");
        var cleaning = await host.SignInOnceAsync("gwanak-cleaning.worker");

        Assert.Equal("suspected", ScreeningOf(await owner.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct)).Value);
        Assert.Equal("suspected", ScreeningOf(await health.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct)).Value);
        var withheld = await cleaning.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct);
        Assert.False(withheld.GetProperty("householdRestricted").GetBoolean());
        var (value, field, raw) = ScreeningOf(withheld);
        Assert.Null(value);
        Assert.Equal("noHealthConsent", field.GetProperty("withheld").GetString());
        Assert.True(field.GetProperty("health").GetBoolean());
        Assert.False(raw.TryGetProperty("dementiaScreening", out _));
        Assert.True(raw.TryGetProperty("checkupDate", out _));
        Assert.DoesNotContain("suspected", withheld.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("인지저하", withheld.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_timeline_leaves_health_values_out_and_says_why_for_agencies_without_health_consent()
    {
        var id = await ScreenedReferralAsync();
        var health = await host.SignInOnceAsync("gwanak-health.worker");
        var cleaning = await host.SignInOnceAsync("gwanak-cleaning.worker");

        var shown = ScreeningEvent(await health.GetAllItemsAsync($"/api/referrals/{id}/timeline"));
        var hidden = ScreeningEvent(await cleaning.GetAllItemsAsync($"/api/referrals/{id}/timeline"));

        Assert.Equal("suspected", shown.GetProperty("outcome").GetProperty("dementiaScreening").GetString());
        Assert.False(shown.TryGetProperty("withheld", out _));
        Assert.False(hidden.GetProperty("outcome").TryGetProperty("dementiaScreening", out _));
        Assert.Equal("noHealthConsent", hidden.GetProperty("withheld").GetProperty("dementiaScreening").GetString());
        Assert.Equal("2026-03-12", hidden.GetProperty("outcome").GetProperty("checkupDate").GetString());
    }

    [Fact]
    public async Task A_later_step_shows_earlier_health_values_only_with_health_consent_and_marks_its_own_health_fields()
    {
        var id = await ScreenedReferralAsync();
        var cleaning = await host.SignInOnceAsync("gwanak-cleaning.worker");
        var task = (await cleaning.GetAllItemsAsync($"/api/tasks?referralId={id}")).Single(t => t.GetProperty("step").GetProperty("nodeId").GetString() == "Task_Cleaning");

        var detail = await cleaning.GetFromJsonAsync<JsonElement>($"/api/tasks/{task.GetProperty("id").GetGuid()}", Ct);
        var screening = detail.GetProperty("previousSteps").EnumerateArray().Single(s => s.GetProperty("step").GetProperty("nodeId").GetString() == "Task_HealthCheck");
        var page = await (await host.SignInToPagesAsync("gwanak-cleaning.worker")).GetPageAsync($"/tasks/{task.GetProperty("id").GetGuid()}");

        Assert.False(screening.GetProperty("outcome").TryGetProperty("dementiaScreening", out _));
        Assert.Equal("noHealthConsent", screening.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "dementiaScreening").GetProperty("withheld").GetString());
        Assert.DoesNotContain("인지저하 의심", page, StringComparison.Ordinal);
        Assert.Contains("건강정보 동의 없음", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_task_form_marks_health_fields()
    {
        var id = await ScreenedReferralAsync(completeScreening: false);
        var health = await host.SignInOnceAsync("gwanak-health.worker");
        var task = (await health.GetAllItemsAsync($"/api/tasks?referralId={id}")).Single(t => t.GetProperty("step").GetProperty("nodeId").GetString() == "Task_HealthCheck");

        var detail = await health.GetFromJsonAsync<JsonElement>($"/api/tasks/{task.GetProperty("id").GetGuid()}", Ct);

        var form = detail.GetProperty("form").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("health").GetBoolean());
        Assert.True(form["dementiaScreening"]);
        Assert.False(form["checkupDate"]);
    }

    [Fact]
    public async Task The_referral_page_shows_the_reason_instead_of_the_health_value()
    {
        var id = await ScreenedReferralAsync();
        var cleaning = await host.SignInToPagesAsync("gwanak-cleaning.worker");
        var owner = await host.SignInToPagesAsync("nangok-dong.worker");

        var hidden = await cleaning.GetPageAsync($"/referrals/{id}");
        var shown = await owner.GetPageAsync($"/referrals/{id}");

        Assert.DoesNotContain("인지저하 의심", hidden, StringComparison.Ordinal);
        Assert.Contains("건강정보 동의 없음", hidden, StringComparison.Ordinal);
        Assert.Contains("인지저하 의심", shown, StringComparison.Ordinal);
    }

    /// <summary>
    /// The seed case split into cleaning, health check and meals, with health consent narrowed to the health centre (the
    /// other partners keep consent for basic data), and the health centre's screening done.
    /// </summary>
    private async Task<Guid> ScreenedReferralAsync(bool completeScreening = true)
    {
        var owner = await host.SignInOnceAsync("nangok-dong.worker");
        var body = ReferralScenario.Body(agencyIds: ReferralScenario.PartnerAgencies.Where(a => a != "gwanak-health"));
        body["consent"]!["categories"] = new JsonArray("basic", "living");
        var id = Guid.Parse((await ReferralScenario.OpenAsync(owner, body)).GetProperty("id").GetString()!);
        var health = await owner.PostAsJsonAsync($"/api/referrals/{id}/consents", new
        {
            consentedBy = "김순자",
            consentedAt = HostFixture.T0,
            method = "written",
            agencyIds = new[] { "gwanak-health" },
            categories = new[] { "basic", "living", "health" },
        }, Ct);
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);

        var instanceId = ReferralScenario.InstanceIdOf(host, id);
        await ReferralScenario.DriveToSplitsAsync(host, instanceId);
        if (completeScreening)
        {
            await ReferralScenario.CompleteAsync(host, instanceId, "Task_HealthCheck", new()
            {
                ["checkupDate"] = "2026-03-12",
                ["dementiaScreening"] = "suspected",
                ["treatmentNeeded"] = true,
                ["healthNotes"] = "정밀검사 권고",
            });
        }

        return id;
    }

    private static (string? Value, JsonElement Field, JsonElement Raw) ScreeningOf(JsonElement referral)
    {
        var step = referral.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("nodeId").GetString() == "Task_HealthCheck");
        var field = step.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "dementiaScreening");
        var value = field.GetProperty("value");
        return (value.ValueKind == JsonValueKind.String ? value.GetString() : null, field, step.GetProperty("outcome"));
    }

    private static JsonElement ScreeningEvent(IReadOnlyList<JsonElement> timeline) =>
        timeline.Single(e => e.GetProperty("type").GetString() == "task-completed" && e.GetProperty("nodeId").GetString() == "Task_HealthCheck")
            .GetProperty("data");
}
