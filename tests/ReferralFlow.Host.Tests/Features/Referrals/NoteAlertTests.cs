using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Host.Tests.Features.Alerts;
using ReferralFlow.Host.Tests.Features.Notifications;
using ReferralFlow.Host.Tests.Features.Tasks;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Referrals;

/// <summary>
/// A note reaches the bell of the workers who may read it and work on the referral — never its author, never an agency
/// without living consent, never its text — and an email only for those who chose one (notes default to the app).
/// </summary>
public sealed class NoteAlertTests(SmtpHostFixture host) : IClassFixture<SmtpHostFixture>
{
    private const string NoteText = "보건소 검진 일정 조율 중, 비밀번호 1234";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_note_reaches_the_bell_of_those_who_may_read_it_but_not_its_author_or_an_agency_without_consent()
    {
        var (owner, id, instanceId) = await OpenAtSplitsAsync();
        await RecordLivingConsentAsync(owner, id, "gwanak-cleaning");

        (await owner.PostAsJsonAsync($"/api/referrals/{id}/notes", new { text = NoteText }, Ct)).EnsureSuccessStatusCode();

        Assert.Equal(0, await NoteEntriesAsync(instanceId, "nangok-dong.worker"));
        Assert.Equal(1, await NoteEntriesAsync(instanceId, "nangok-dong.worker2"));
        Assert.Equal(1, await NoteEntriesAsync(instanceId, "gwanak-cleaning.worker"));
        // Health check and meals have steps but no living consent: they cannot open the note, so they are not told of it.
        Assert.Equal(0, await NoteEntriesAsync(instanceId, "gwanak-health.worker"));
        Assert.Equal(0, await NoteEntriesAsync(instanceId, "nanum-joy.worker"));
        var cleaning = await host.SignInOnceAsync("gwanak-cleaning.worker");
        var entry = Assert.Single((await cleaning.GetFromJsonAsync<JsonElement>("/api/notifications?limit=100", Ct)).GetProperty("items").EnumerateArray(),
            e => e.GetProperty("kind").GetString() == "note" && e.GetProperty("referralId").GetGuid() == id);
        Assert.Equal($"/referrals/{id}", entry.GetProperty("link").GetString());
        Assert.DoesNotContain("보건소 검진", entry.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await cleaning.GetAsync($"/api/referrals/{id}/notes", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_note_is_mailed_only_to_whoever_chose_notes_immediately_and_never_with_its_text()
    {
        var (owner, id, _) = await OpenAtSplitsAsync();
        var colleague = await AlertScenario.UserIdAsync(host, "nangok-dong.worker2");
        await PreferAsync(AlertPreferences.UserOwner(colleague), NotificationMode.Immediately);
        try
        {
            (await owner.PostAsJsonAsync($"/api/referrals/{id}/notes", new { text = NoteText }, Ct)).EnsureSuccessStatusCode();
            host.Clock.Advance(TimeSpan.FromMinutes(1));
            await AlertScenario.MailAsync(host);

            // The SMTP server's store is unordered: the note's mails are those that link to this referral and name a note.
            var mails = AlertScenario.Mails(host).Where(m => (m.TextBody ?? "").Contains($"/referrals/{id}", StringComparison.Ordinal)).ToList();
            var mail = Assert.Single(mails, m => (m.Subject ?? "").Contains("새 메모", StringComparison.Ordinal));
            Assert.True(AlertScenario.To(mail, AlertScenario.Address("nangok-dong.worker2")));
            Assert.Single(mail.To.Mailboxes);
            Assert.DoesNotContain("보건소 검진", $"{mail.Subject}\n{mail.TextBody}", StringComparison.Ordinal);
            AlertScenario.AssertNoHouseholdData(mails);
            // Everyone else (and the agency's shared mailbox) keeps notes in the app.
            Assert.Single(AlertScenario.Mails(host), m => (m.Subject ?? "").Contains("메모", StringComparison.Ordinal));
        }
        finally
        {
            await PreferAsync(AlertPreferences.UserOwner(colleague), null);
        }
    }

    [Fact]
    public async Task A_worker_who_chose_notes_in_the_digest_finds_them_counted_there_and_the_others_do_not()
    {
        var (owner, id, _) = await OpenAtSplitsAsync();
        var colleague = await AlertScenario.UserIdAsync(host, "nangok-dong.worker2");
        await PreferAsync(AlertPreferences.UserOwner(colleague), NotificationMode.Digest);
        try
        {
            (await owner.PostAsJsonAsync($"/api/referrals/{id}/notes", new { text = NoteText }, Ct)).EnsureSuccessStatusCode();
            AlertScenario.NextDigestMorning(host);
            Assert.True(await AlertScenario.DigestAsync(host) > 0);
            await AlertScenario.MailAsync(host);

            var digests = AlertScenario.Mails(host).Where(m => (m.Subject ?? "").Contains("아침 알림 요약", StringComparison.Ordinal)).ToList();
            var mine = Assert.Single(digests, m => AlertScenario.To(m, AlertScenario.Address("nangok-dong.worker2")));
            // The count covers every unread note since the last digest (other tests of this class add some too).
            Assert.Contains("내가 맡은 의뢰에 달린 새 메모: ", mine.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("보건소 검진", mine.TextBody, StringComparison.Ordinal);
            // Those who keep notes in the app (the default) find no note line in their digest.
            Assert.All(digests.Where(m => m != mine), m => Assert.DoesNotContain("새 메모", m.TextBody ?? "", StringComparison.Ordinal));
        }
        finally
        {
            await PreferAsync(AlertPreferences.UserOwner(colleague), null);
        }
    }

    private async Task<(HttpClient Owner, Guid Id, Guid InstanceId)> OpenAtSplitsAsync()
    {
        var owner = await host.SignInOnceAsync("nangok-dong.worker");
        var id = (await ReferralScenario.OpenAsync(owner, ReferralScenario.Body(agencyIds: []))).GetProperty("id").GetGuid();
        var instanceId = ReferralScenario.InstanceIdOf(host, id);
        await ReferralScenario.DriveToSplitsAsync(host, instanceId);
        return (owner, id, instanceId);
    }

    private static async Task RecordLivingConsentAsync(HttpClient owner, Guid id, string agency) =>
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"/api/referrals/{id}/consents", new JsonObject
        {
            ["consentedBy"] = "김순자",
            ["relationship"] = "본인",
            ["consentedAt"] = HostFixture.T0,
            ["method"] = "oral",
            ["agencyIds"] = new JsonArray(JsonValue.Create(agency)),
            ["categories"] = new JsonArray(JsonValue.Create("basic"), JsonValue.Create("living")),
        }, Ct)).StatusCode);

    private async Task<int> NoteEntriesAsync(Guid instanceId, string login)
    {
        var user = await AlertScenario.UserIdAsync(host, login);
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().UserNotifications
            .CountAsync(n => n.InstanceId == instanceId && n.UserId == user && n.Kind == NotificationKind.Note, Ct);
    }

    private Task PreferAsync(string owner, NotificationMode? mode) => AlertScenario.PreferAsync(host, owner, NotificationKind.Note, mode);
}
