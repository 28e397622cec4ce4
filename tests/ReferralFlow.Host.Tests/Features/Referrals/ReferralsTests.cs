using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Referrals;

public sealed partial class ReferralsTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_dong_worker_opens_a_hoarding_referral_and_the_first_step_is_offered_to_the_dong_centre()
    {
        var client = await host.SignInAsync("nangok-dong.worker");

        var response = await client.PostAsJsonAsync("/api/referrals", ReferralScenario.Body(), Ct);
        var referral = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/referrals/{referral.GetProperty("id").GetString()}", response.Headers.Location?.OriginalString);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Matches(NumberPattern(), referral.GetProperty("number").GetString());
        Assert.Equal("inProgress", referral.GetProperty("status").GetString());
        Assert.Equal("nangok-dong", referral.GetProperty("referringAgency").GetProperty("id").GetString());
        Assert.Equal("nangok-dong", referral.GetProperty("publicOwnerAgency").GetProperty("id").GetString());
        Assert.Equal("김순자", referral.GetProperty("household").GetProperty("name").GetString());
        Assert.Equal(HostFixture.T0.AddYears(5), referral.GetProperty("retainUntil").GetDateTimeOffset());
        var participants = referral.GetProperty("participants").EnumerateArray()
            .ToDictionary(p => p.GetProperty("role").GetString()!, p => p.GetProperty("agencyId").GetString());
        Assert.Equal("gwanak-cleaning", participants["cleaning"]);
        Assert.Equal("nangok-dong", participants["dong"]);
        var step = Assert.Single(referral.GetProperty("steps").EnumerateArray());
        Assert.Equal("Task_AssignCase", step.GetProperty("nodeId").GetString());
        Assert.Equal("open", step.GetProperty("status").GetString());
        Assert.Equal("nangok-dong", step.GetProperty("agency").GetProperty("id").GetString());
        Assert.False(step.GetProperty("overdue").GetBoolean());
    }

    [Fact]
    public async Task A_consent_time_with_a_korean_offset_is_accepted_and_stored_as_the_same_instant()
    {
        var body = ReferralScenario.Body();
        body["consent"]!["consentedAt"] = "2026-03-01T10:30:00+09:00";

        var referral = await ReferralScenario.OpenAsync(await host.SignInAsync("nangok-dong.worker"), body);

        var at = referral.GetProperty("consents")[0].GetProperty("consentedAt").GetDateTimeOffset();
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 1, 30, 0, TimeSpan.Zero), at);
    }

    [Fact]
    public async Task Referral_numbers_stay_unique_when_referrals_are_opened_at_the_same_time()
    {
        var client = await host.SignInAsync("nangok-dong.worker2");

        var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ReferralScenario.OpenAsync(client)));

        var numbers = opened.Select(r => r.GetProperty("number").GetString()).ToList();
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.All(numbers, n => Assert.StartsWith("2026-", n));
    }

    [Theory]
    [InlineData("jowon-dong.worker")]
    [InlineData("nanhyang-dong.worker")]
    public async Task A_worker_of_an_uninvolved_agency_gets_404_for_the_referral_its_timeline_and_notes(string login)
    {
        var referral = await ReferralScenario.OpenAsync(await host.SignInAsync("nangok-dong.worker"));
        var id = referral.GetProperty("id").GetString();
        var outsider = await host.SignInAsync(login);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/referrals/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/referrals/{id}/timeline", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/referrals/{id}/notes", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/referrals/{id}/notes", new { text = "?" }, Ct)).StatusCode);
        var list = await outsider.GetAllItemsAsync("/api/referrals?limit=200");
        Assert.DoesNotContain(list, r => r.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task The_district_hub_sees_the_referral_with_the_household_and_lists_it()
    {
        var referral = await ReferralScenario.OpenAsync(await host.SignInAsync("nangok-dong.worker"));
        var id = referral.GetProperty("id").GetString();
        var hub = await host.SignInAsync("gwanak-hub.worker");

        var seen = await hub.GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct);
        var list = await hub.GetAllItemsAsync("/api/referrals?open=true&dong=난곡동&limit=200");

        Assert.Equal("김순자", seen.GetProperty("household").GetProperty("name").GetString());
        Assert.False(seen.GetProperty("householdRestricted").GetBoolean());
        var item = Assert.Single(list, r => r.GetProperty("id").GetString() == id);
        Assert.Equal("김순자", item.GetProperty("householdName").GetString());
        Assert.False(item.TryGetProperty("address", out _));
    }

    [Fact]
    public async Task Opening_needs_no_consent_for_agencies_the_assessment_has_not_chosen_yet()
    {
        var client = await host.SignInAsync("nangok-dong.worker");

        var opened = await ReferralScenario.OpenAsync(client, ReferralScenario.Body(agencyIds: ["sillim-welfare"]));

        var consents = opened.GetProperty("consents").EnumerateArray().ToList();
        Assert.All(consents, c => Assert.Equal("sillim-welfare", c.GetProperty("agency").GetProperty("id").GetString()));
        Assert.Equal(["basic", "health", "living"], consents.Select(c => c.GetProperty("category").GetString()!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_consent_category_outside_the_fixed_codes_is_400_naming_the_item()
    {
        var client = await host.SignInAsync("nangok-dong.worker");
        var body = ReferralScenario.Body();
        body["consent"]!["categories"] = new JsonArray("basic", "contact");

        var response = await client.PostAsJsonAsync("/api/referrals", body, Ct);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["consent.categories[1]"], ReferralScenario.ErrorFields(problem));
        Assert.Equal("consent-categories-invalid", problem.GetProperty("errorCodes").GetProperty("consent.categories[1]")[0].GetString());
    }

    [Fact]
    public async Task A_resident_registration_number_in_the_address_is_refused_and_never_stored()
    {
        var client = await host.SignInAsync("nangok-dong.worker");

        var response = await client.PostAsJsonAsync("/api/referrals", ReferralScenario.Body(address: "난곡로 1 (480502-2345678)"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["household.address"], ReferralScenario.ErrorFields(JsonDocument.Parse(text).RootElement));
        Assert.Equal("resident-number", JsonDocument.Parse(text).RootElement.GetProperty("errorCodes").GetProperty("household.address")[0].GetString());
        Assert.DoesNotContain("2345678", text);
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        Assert.False(await db.Referrals.AnyAsync(r => r.Household.Address!.Contains("2345678"), Ct));
    }

    [Fact]
    public async Task The_public_case_owner_must_be_a_public_agency_and_defaults_to_the_dong_centre_for_a_private_referrer()
    {
        var welfare = await host.SignInAsync("sillim-welfare.worker");
        var agencies = ReferralScenario.PartnerAgencies.Where(a => a != "sillim-welfare").Append("nangok-dong");
        var privateOwner = ReferralScenario.Body(agencyIds: agencies);
        privateOwner["publicOwnerAgencyId"] = "sillim-welfare";

        var refused = await welfare.PostAsJsonAsync("/api/referrals", privateOwner, Ct);
        var opened = await ReferralScenario.OpenAsync(welfare, ReferralScenario.Body(agencyIds: agencies));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["publicOwnerAgencyId"], ReferralScenario.ErrorFields(await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        Assert.Equal("sillim-welfare", opened.GetProperty("referringAgency").GetProperty("id").GetString());
        Assert.Equal("nangok-dong", opened.GetProperty("publicOwnerAgency").GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_agency_the_owner_adds_without_consent_sees_the_case_without_the_household()
    {
        var owner = await host.SignInAsync("nangok-dong.worker");
        var referral = await ReferralScenario.OpenAsync(owner);
        var id = referral.GetProperty("id").GetString();

        var added = await owner.PostAsJsonAsync($"/api/referrals/{id}/participants", new { agencyId = "jowon-dong", reason = "전입 예정 동 사전 공유" }, Ct);
        var seen = await (await host.SignInAsync("jowon-dong.worker")).GetFromJsonAsync<JsonElement>($"/api/referrals/{id}", Ct);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.True(seen.GetProperty("householdRestricted").GetBoolean());
        Assert.False(seen.TryGetProperty("household", out _));
        Assert.Empty(seen.GetProperty("consents").EnumerateArray());
        Assert.Equal(referral.GetProperty("number").GetString(), seen.GetProperty("number").GetString());
    }

    [Fact]
    public async Task Referral_endpoints_need_sign_in()
    {
        var anonymous = host.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/referrals", ReferralScenario.Body(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/referrals", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/referrals/{Guid.NewGuid()}", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_participant_adds_a_note_that_appears_in_the_shared_timeline()
    {
        var referral = await ReferralScenario.OpenAsync(await host.SignInAsync("nangok-dong.worker"));
        var id = referral.GetProperty("id").GetString();
        var taskId = referral.GetProperty("steps")[0].GetProperty("taskId").GetInt32();
        // The welfare centre takes part from the joint assessment, its first step.
        var instanceId = ReferralScenario.InstanceIdOf(host, Guid.Parse(id!));
        await ReferralScenario.CompleteAsync(host, instanceId, "Task_AssignCase", new() { ["reportSource"] = "neighbor", ["reportSummary"] = "적치물", ["urgentSafetyRisk"] = false });
        await ReferralScenario.CompleteAsync(host, instanceId, "Task_JointVisit", new() { ["visitDate"] = "2026-03-03", ["consentObtained"] = true, ["healthDataConsent"] = true });
        var welfare = await host.SignInAsync("sillim-welfare.worker");

        var added = await welfare.PostAsJsonAsync($"/api/referrals/{id}/notes", new { text = "다음 주 합동방문 가능합니다.", taskId }, Ct);
        var timeline = await welfare.GetAllItemsAsync($"/api/referrals/{id}/timeline");
        var notes = await welfare.GetAllItemsAsync($"/api/referrals/{id}/notes");

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal("instance-started", timeline![0].GetProperty("type").GetString());
        Assert.Contains(timeline, e => e.GetProperty("type").GetString() == "task-created" && e.GetProperty("stepName").GetString() == "신고 확인 및 담당자 지정");
        var note = Assert.Single(timeline, e => e.GetProperty("type").GetString() == "note");
        Assert.Equal("다음 주 합동방문 가능합니다.", note.GetProperty("text").GetString());
        Assert.Equal("오세영 사회복지사", note.GetProperty("actor").GetProperty("name").GetString());
        Assert.Single(notes!);
    }

    [Fact]
    public async Task Reads_of_a_referral_its_timeline_and_the_list_are_audit_logged()
    {
        var client = await host.SignInAsync("nangok-dong.supervisor");
        var referral = await ReferralScenario.OpenAsync(client);
        var id = Guid.Parse(referral.GetProperty("id").GetString()!);

        await client.GetAsync($"/api/referrals/{id}", Ct);
        await client.GetAsync($"/api/referrals/{id}/timeline", Ct);
        await client.GetAsync("/api/referrals?mine=true", Ct);

        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        var actions = await db.AuditLog.Where(a => a.ReferralId == id).Select(a => a.Action).ToListAsync(Ct);
        Assert.Contains("referral.opened", actions);
        Assert.Contains("referral.read", actions);
        Assert.Contains("referral.timeline-read", actions);
        var supervisor = await db.Users.Where(u => u.UserName!.StartsWith("nangok-dong.supervisor")).Select(u => u.Id).SingleAsync(Ct);
        Assert.True(await db.AuditLog.AnyAsync(a => a.Action == "referral.listed" && a.UserId == supervisor, Ct));
        Assert.DoesNotContain(await db.AuditLog.Select(a => a.Detail).ToListAsync(Ct), d => d != null && d.Contains("김순자"));
    }

    [GeneratedRegex(@"^\d{4}-\d{6}$")]
    private static partial Regex NumberPattern();
}
