using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Features.Tasks;

namespace ReferralFlow.Host.Tests.Features.Notifications;

/// <summary>
/// Whatever workers type — the household's name, address, phone and birth date in outcomes, notes, cancel reasons, the
/// closing note and a duplicate reason — no email (real SMTP) and no CSV or Excel export of the closed case carries them.
/// </summary>
public sealed class NoPersonalDataLeavesTests(SmtpHostFixture host) : IClassFixture<SmtpHostFixture>
{
    private const string Name = "박말순";
    private const string Address = "서울 관악구 신림로 77";
    private const string Phone = "010-9876-5432";
    private const string BirthDate = "1944-11-23";

    private static readonly string[] Personal = [Name, Address, "신림로 77", Phone, "01098765432", BirthDate, "1944.11.23", "441123"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task No_email_or_export_of_a_closed_case_contains_the_households_personal_data()
    {
        var owner = await host.SignInOnceAsync("nangok-dong.worker");
        var id = await OpenAsync(owner, "난곡동", null);
        var instanceId = ReferralScenario.InstanceIdOf(host, id);
        var typed = $"{Name} 어르신({BirthDate}생, {Phone}) {Address} 댁";
        (await owner.PostAsJsonAsync($"/api/referrals/{id}/notes", new { text = typed }, Ct)).EnsureSuccessStatusCode();
        await ReferralScenario.CompleteAsync(host, instanceId, "Task_AssignCase", new() { ["reportSource"] = "neighbor", ["reportSummary"] = typed, ["urgentSafetyRisk"] = false });
        // Another dong opens the same household again, with a reason that names it: both owners are told, by code.
        var sinsa = await host.SignInOnceAsync("sinsa-dong.worker");
        var second = await OpenAsync(sinsa, "신사동", typed);
        var referral = await owner.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/referrals/{id}", Ct);
        var reasons = referral.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("status").GetString() == "open")
            .ToDictionary(s => s.GetProperty("taskId").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), _ => typed);

        var close = await owner.PostAsJsonAsync($"/api/referrals/{id}/close",
            new { outcomeCode = "resolved", outcome = $"{typed}: 청소·방역 완료", reasons, version = referral.GetProperty("version").GetInt32() }, Ct);
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(Ct);
        }

        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        Assert.NotEqual(Guid.Empty, second);
        var mails = host.Smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data)))).ToList();
        var reply = Assert.Single(mails, m => (m.Subject ?? "").Contains(referral.GetProperty("number").GetString()!, StringComparison.Ordinal) && (m.Subject ?? "").Contains("종결", StringComparison.Ordinal));
        Assert.Contains("결과: 목표 달성(문제 해결)", reply.TextBody, StringComparison.Ordinal);
        Assert.Equal(2, mails.Count(m => (m.Subject ?? "").Contains("서비스 중복", StringComparison.Ordinal)));
        foreach (var mail in mails)
        {
            var text = $"{mail.Subject}\n{mail.TextBody}\n{mail.HtmlBody}";
            Assert.DoesNotContain(Personal, p => text.Contains(p, StringComparison.Ordinal));
        }

        var hub = await host.SignInOnceAsync("gwanak-hub.worker");
        var csv = Encoding.UTF8.GetString(await hub.GetByteArrayAsync("/api/reports/collaboration.csv", Ct));
        var xlsx = XlsxText(await hub.GetByteArrayAsync("/api/reports/collaboration.xlsx", Ct));
        Assert.DoesNotContain(Personal, p => csv.Contains(p, StringComparison.Ordinal));
        Assert.DoesNotContain(Personal, p => xlsx.Contains(p, StringComparison.Ordinal));
    }

    private async Task<Guid> OpenAsync(HttpClient client, string dong, string? duplicateReason)
    {
        var body = ReferralScenario.Body(Address);
        body["dong"] = dong;
        body["household"]!["name"] = Name;
        body["household"]!["birthDate"] = BirthDate;
        body["household"]!["phone"] = Phone;
        if (duplicateReason is not null)
        {
            body["duplicateReason"] = duplicateReason;
        }

        var opened = await ReferralScenario.OpenAsync(client, body);
        return opened.GetProperty("id").GetGuid();
    }

    private static string XlsxText(byte[] workbook)
    {
        using var zip = new ZipArchive(new MemoryStream(workbook));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }
}
