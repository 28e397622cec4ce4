using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Tests.Features.Notifications;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Tests.Features.Alerts;

/// <summary>Drives steps the way the API does (in a unit of work, so bell and alert rows commit with them) and reads the mail.</summary>
public static class AlertScenario
{
    /// <summary>The household of <see cref="Referrals.ReferralScenario.Body"/>: none of it may appear in any alert or digest.</summary>
    public static readonly string[] Household = ["김순자", "난곡로 1", "010-1234-5678", "01012345678", "1948-05-02", "480502"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Completes a step in a unit of work, as the API does (its alerts are planned with it).</summary>
    public static Task CompleteAsync(HostFixture host, Guid instanceId, string nodeId, Dictionary<string, object?> outcome) =>
        ReferralScenario.CompleteAsync(host, instanceId, nodeId, outcome, inUnitOfWork: true);

    /// <summary>As <see cref="ReferralScenario.DriveToSplitsAsync"/>, each step in a unit of work: cleaning, health check and meals open at once.</summary>
    public static Task DriveToSplitsAsync(HostFixture host, Guid instanceId) => ReferralScenario.DriveToSplitsAsync(host, instanceId, inUnitOfWork: true);

    /// <summary>Moves the clock to the next working day's 08:30 KST (the default digest time) and returns that day.</summary>
    public static DateOnly NextDigestMorning(HostFixture host)
    {
        var korea = TimeSpan.FromHours(9);
        var day = DateOnly.FromDateTime(host.Clock.GetUtcNow().ToOffset(korea).DateTime).AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        host.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 30)), korea).ToUniversalTime());
        return day;
    }

    /// <summary>Runs a district's morning digest now (the demo district by default); returns how many digests it queued.</summary>
    public static async Task<int> DigestAsync(HostFixture host, string district = DemoData.District)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MorningDigest>().RunAsync(district, TestContext.Current.CancellationToken);
    }

    /// <summary>Sets one owner's (<c>user:</c>, <c>agency:</c>, <c>mailbox:</c>, <c>district:</c>) choice for a kind; null clears it.</summary>
    public static async Task PreferAsync(HostFixture host, string owner, NotificationKind kind, NotificationMode? mode)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        await db.NotificationPreferences.Where(p => p.Owner == owner && p.Kind == kind).ExecuteDeleteAsync(Ct);
        if (mode is { } chosen)
        {
            db.NotificationPreferences.Add(new NotificationPreference { Owner = owner, Kind = kind, Mode = chosen, UpdatedAt = host.Clock.GetUtcNow() });
            await db.SaveChangesAsync(Ct);
        }
    }

    /// <summary>Runs the alert mailer (pending alerts → outbox), then the dispatcher (outbox → SMTP).</summary>
    public static async Task MailAsync(HostFixture host)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AlertMailer>().RunAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(Ct);
    }

    public static List<MimeMessage> Mails(SmtpHostFixture host) =>
        [.. host.Smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))];

    public static bool To(MimeMessage mail, string address) => mail.To.Mailboxes.Any(b => b.Address == address);

    public static string Address(string login) => DemoData.Email(login);

    public static async Task<Guid> UserIdAsync(HostFixture host, string login)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var email = DemoData.Email(login);
        return await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
    }

    public static async Task<Guid> OpenTaskAsync(HostFixture host, Guid instanceId, string nodeId)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Tasks
            .Where(t => t.InstanceId == instanceId && t.NodeId == nodeId && t.Status == WorkTaskStatus.Open).Select(t => t.Id).SingleAsync(Ct);
    }

    public static void AssertNoHouseholdData(IEnumerable<MimeMessage> mails) =>
        Assert.All(mails, m => Assert.DoesNotContain(Household, p => $"{m.Subject}\n{m.TextBody}\n{m.HtmlBody}".Contains(p, StringComparison.Ordinal)));
}
