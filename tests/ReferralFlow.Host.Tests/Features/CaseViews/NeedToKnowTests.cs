using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Features.Tasks;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.CaseViews;

/// <summary>What an agency sees of a referral follows its steps and the household's consent, per category.</summary>
public sealed class NeedToKnowTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_step_without_consent_shows_the_task_but_no_household_or_earlier_outcomes_and_the_owner_is_told()
    {
        var (owner, id, _) = await OpenAtSplitsWithoutConsentAsync();
        var health = await host.SignInOnceAsync("gwanak-health.worker");

        var queue = await health.GetAllItemsAsync($"/api/tasks?referralId={id}&limit=50");
        var task = await health.GetFromJsonAsync<JsonElement>($"/api/tasks/{queue.Single().GetProperty("id").GetGuid()}", Ct);
        var seen = await health.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct);
        var ownerView = await owner.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct);

        Assert.True(task.GetProperty("referral").GetProperty("householdRestricted").GetBoolean());
        Assert.False(task.GetProperty("referral").TryGetProperty("householdName", out _));
        Assert.Equal("난곡동", task.GetProperty("referral").GetProperty("dong").GetString());
        Assert.NotEmpty(task.GetProperty("form").EnumerateArray());
        Assert.All(task.GetProperty("previousSteps").EnumerateArray(), s => Assert.False(s.TryGetProperty("outcome", out _)));
        Assert.True(seen.GetProperty("householdRestricted").GetBoolean());
        Assert.All(seen.GetProperty("steps").EnumerateArray(), s => Assert.False(s.TryGetProperty("outcome", out _)));
        var needed = ownerView.GetProperty("consentNeeded").EnumerateArray().ToDictionary(
            n => n.GetProperty("agency").GetProperty("id").GetString()!, n => n.GetProperty("categories").EnumerateArray().Select(c => c.GetString()).ToList());
        Assert.Equal(["gwanak-cleaning", "gwanak-health", "nanum-joy"], needed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["basic", "living"], needed["gwanak-health"]);
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().AuditLog
            .Where(a => a.ReferralId == id && a.AgencyId == "gwanak-health" && a.Action == "referral.read").Select(a => a.Detail).ToListAsync(Ct);
        Assert.Matches(@"^shown: none; steps \d+$", Assert.Single(audit));
    }

    [Fact]
    public async Task Consent_recorded_during_the_case_shows_the_household_and_withdrawing_it_hides_it_at_once()
    {
        var (owner, id, _) = await OpenAtSplitsWithoutConsentAsync();
        var cleaning = await host.SignInOnceAsync("gwanak-cleaning.worker");

        await RecordAsync(owner, id, "gwanak-cleaning", "basic", "living");
        var consented = await cleaning.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct);
        var withdrawn = await owner.PostAsJsonAsync($"/api/referrals/{id}/consents/withdraw", new { agencyId = "gwanak-cleaning" }, Ct);
        var after = await cleaning.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct);
        var timeline = await owner.GetAllItemsAsync($"/api/referrals/{id}/timeline?limit=200");

        Assert.Equal("김순자", consented.GetProperty("household").GetProperty("name").GetString());
        Assert.Contains(consented.GetProperty("steps").EnumerateArray(), s => s.TryGetProperty("outcome", out _));
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.True(after.GetProperty("householdRestricted").GetBoolean());
        Assert.All(after.GetProperty("steps").EnumerateArray(), s => Assert.False(s.TryGetProperty("outcome", out _)));
        Assert.All(after.GetProperty("consents").EnumerateArray(), c => Assert.False(c.GetProperty("active").GetBoolean()));
        Assert.Contains(timeline, e => e.GetProperty("type").GetString() == "consent-withdrawn");
    }

    [Fact]
    public async Task An_agency_whose_steps_are_done_keeps_its_contribution_but_not_later_notes_until_the_owner_extends_its_access()
    {
        var (owner, id, instanceId) = await OpenAtSplitsWithoutConsentAsync();
        await RecordAsync(owner, id, "gwanak-cleaning", "basic", "living");
        await ReferralScenario.CompleteAsync(host, instanceId, "Task_Cleaning", new()
        {
            ["cleaningDate"] = "2026-03-12",
            ["wasteVolumeTons"] = 2.5m,
            ["disinfected"] = true,
            ["photosAttached"] = true,
            ["repairNeededAfterCleaning"] = false,
        });
        host.Clock.Advance(TimeSpan.FromMinutes(5));
        (await owner.PostAsJsonAsync($"/api/referrals/{id}/notes", new { text = "보건소 검진 일정 조율 중" }, Ct)).EnsureSuccessStatusCode();
        var cleaning = await host.SignInOnceAsync("gwanak-cleaning.worker");

        var notes = await cleaning.GetAllItemsAsync($"/api/referrals/{id}/notes?limit=200");
        var seen = await cleaning.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct);
        var note = await cleaning.PostAsJsonAsync($"/api/referrals/{id}/notes", new { text = "추가 방역 가능" }, Ct);
        var extended = await owner.PostAsJsonAsync($"/api/referrals/{id}/participants", new { agencyId = "gwanak-cleaning", reason = "재방역 필요 여부 확인" }, Ct);
        var notesAfter = await cleaning.GetAllItemsAsync($"/api/referrals/{id}/notes?limit=200");

        Assert.Empty(notes);
        Assert.Contains(seen.GetProperty("steps").EnumerateArray(), s => s.GetProperty("nodeId").GetString() == "Task_Cleaning" && s.TryGetProperty("outcome", out _));
        Assert.Equal(HttpStatusCode.Forbidden, note.StatusCode);
        Assert.Equal(HttpStatusCode.Created, extended.StatusCode);
        Assert.Single(notesAfter);
    }

    [Fact]
    public async Task Only_the_owner_side_or_an_agency_still_working_records_consent_and_categories_are_fixed_codes()
    {
        var (owner, id, _) = await OpenAtSplitsWithoutConsentAsync();
        var colleague = await host.SignInOnceAsync("nangok-dong.worker2");
        var health = await host.SignInOnceAsync("gwanak-health.worker");

        var byWorkingAgency = await RecordRawAsync(health, id, "gwanak-health", "health");
        var badCategory = await RecordRawAsync(owner, id, "gwanak-health", "income");
        var unknownAgency = await RecordRawAsync(owner, id, "no-such-agency", "basic");
        var byOwnerColleague = await RecordRawAsync(colleague, id, "gwanak-cleaning", "basic");

        Assert.Equal(HttpStatusCode.OK, byWorkingAgency.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCategory.StatusCode);
        Assert.Equal("consent-categories-invalid", (await badCategory.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errorCodes").GetProperty("categories[0]")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknownAgency.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byOwnerColleague.StatusCode);
    }

    private async Task<(HttpClient Owner, Guid Id, Guid InstanceId)> OpenAtSplitsWithoutConsentAsync()
    {
        var owner = await host.SignInOnceAsync("nangok-dong.worker");
        var id = (await ReferralScenario.OpenAsync(owner, ReferralScenario.Body(agencyIds: []))).GetProperty("id").GetGuid();
        var instanceId = ReferralScenario.InstanceIdOf(host, id);
        await ReferralScenario.DriveToSplitsAsync(host, instanceId);
        return (owner, id, instanceId);
    }

    private static async Task RecordAsync(HttpClient client, Guid id, string agency, params string[] categories) =>
        Assert.Equal(HttpStatusCode.OK, (await RecordRawAsync(client, id, agency, categories)).StatusCode);

    private static Task<HttpResponseMessage> RecordRawAsync(HttpClient client, Guid id, string agency, params string[] categories) =>
        client.PostAsJsonAsync($"/api/referrals/{id}/consents", new JsonObject
        {
            ["consentedBy"] = "김순자",
            ["relationship"] = "본인",
            ["consentedAt"] = HostFixture.T0,
            ["method"] = "oral",
            ["agencyIds"] = new JsonArray(JsonValue.Create(agency)),
            ["categories"] = new JsonArray([.. categories.Select(c => JsonValue.Create(c))]),
        }, Ct);
}
