using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using netDumbster.smtp;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Features.Escalation;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Escalation.EscalationScenario;

namespace ReferralFlow.Host.Tests.Features.Alerts;

/// <summary>Two host processes on one PostgreSQL database, both running the due-work scheduler: each alert is mailed once.</summary>
[Collection(JobsCollection.Name)]
public sealed class AlertMultiProcessTests(PostgresClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_processes_mail_each_alert_exactly_once()
    {
        using var smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        var connectionString = await cluster.Server.CreateDatabaseAsync($"alerts_{Guid.NewGuid():N}", Ct);
        var clock = new FakeTimeProvider(HostFixture.T0);
        await using var first = Process(connectionString, clock, smtp.Configuration.Port);
        await using var second = Process(connectionString, clock, smtp.Configuration.Port);
        HttpClient[] owners = [await SignInAsync(first, "nangok-dong.worker"), await SignInAsync(second, "nangok-dong.worker")];
        var numbers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            numbers.Add((await ReferralScenario.OpenAsync(owners[i % 2])).GetProperty("number").GetString()!);
        }

        clock.Advance(TimeSpan.FromMinutes(1));

        var mailbox = "nangok-dong@" + DemoData.EmailDomain;
        await WaitUntilAsync(() => numbers.All(n => Mails(smtp, mailbox, n).Count > 0), "every referral's alert", seconds: 60, clock: clock);
        await WaitUntilAsync(async () => await PendingAsync(first) == 0
            && (await QueryAsync(first.Services, db => db.Outbox.Where(m => m.Status == OutboxStatus.Pending))).Count == 0, "alerts and outbox drained", clock: clock);
        Assert.All(numbers, n => Assert.Single(Mails(smtp, mailbox, n)));
    }

    private static WebApplicationFactory<Program> Process(string connectionString, FakeTimeProvider clock, int smtpPort) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:ReferralFlow", connectionString);
            builder.UseSetting("Demo:Seed", "true");
            builder.UseSetting("Auth:SignInsPerMinute", "1000");
            JobsHostFixture.UseFastJobs(builder, smtpPort);
            builder.ConfigureServices(s =>
            {
                s.RemoveAll<TimeProvider>();
                s.AddSingleton<TimeProvider>(clock);
            });
        });

    private static async Task<HttpClient> SignInAsync(WebApplicationFactory<Program> process, string login)
    {
        var client = process.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = DemoData.Email(login), password = DemoData.Password }, Ct);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task<int> PendingAsync(WebApplicationFactory<Program> process)
    {
        await using var scope = process.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().PendingAlerts.CountAsync(Ct);
    }

    private static List<MimeMessage> Mails(SimpleSmtpServer smtp, string address, string number) =>
        [.. smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .Where(m => m.To.Mailboxes.Any(b => b.Address == address) && $"{m.Subject}\n{m.TextBody}".Contains(number, StringComparison.Ordinal))];
}
