using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Tests.Features.Notifications;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Tests.Features.Administration;

/// <summary>Helpers of the district administration tests: the demo's administrators, invitations and their mail.</summary>
internal static partial class AdminTestData
{
    public const string GwanakAdmin = "gwanak-hub.districtadmin";

    public const string DongjakAdmin = "dongjak-hub.districtadmin";

    public const string SystemAdmin = "gwanak-hub.admin";

    public const string NewPassword = "Invited-Password-2026";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Invites a new worker through the API; returns the created worker.</summary>
    public static async Task<JsonElement> InviteAsync(HttpClient admin, string agencyId, string[]? roles = null, string? email = null)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/workers", new
        {
            email = email ?? $"invited-{Guid.NewGuid():N}@example.org",
            displayName = "초대된 주무관",
            agencyId,
            roles = roles ?? ["worker"],
        }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>Runs the outbox dispatcher once, as the recurring job would.</summary>
    public static async Task DispatchAsync(HostFixture host)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(Ct);
    }

    /// <summary>The text bodies of the mails received for <paramref name="address"/>.</summary>
    public static List<(string Subject, string Body)> MailsTo(SmtpHostFixture host, string address) =>
        [.. host.Smtp.ReceivedEmail
            .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
            .Select(m => (m.Subject ?? "", m.TextBody ?? ""))];

    /// <summary>
    /// The token of the one-time link mailed to <paramref name="address"/> that is not among <paramref name="seen"/>
    /// (the SMTP server's list of received mail has no order).
    /// </summary>
    public static string LinkToken(SmtpHostFixture host, string address, params string[] seen)
    {
        var tokens = MailsTo(host, address).Select(m => Link().Match(m.Body)).Where(m => m.Success).Select(m => m.Groups["token"].Value).Except(seen).ToList();
        return tokens.Count == 1 ? tokens[0] : throw new InvalidOperationException($"{tokens.Count} new links mailed to {address}.");
    }

    public static async Task<List<OutboxMessageRecord>> OutboxAsync(HostFixture host, string template)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Outbox.AsNoTracking().Where(m => m.Template == template).ToListAsync(Ct);
    }

    public static async Task<List<AuditEntry>> AuditAsync(HostFixture host, string actionPrefix)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().AuditLog.AsNoTracking()
            .Where(a => a.Action.StartsWith(actionPrefix)).OrderBy(a => a.Id).ToListAsync(Ct);
    }

    public static async Task<string> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString()!;

    [GeneratedRegex(@"/invitation/(?<token>[A-Za-z0-9_-]{20,})")]
    private static partial Regex Link();
}
