using System.Net;
using Microsoft.AspNetCore.Hosting;
using netDumbster.smtp;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Escalation;

/// <summary>
/// The host with a real Hangfire server on PostgreSQL and its due-work scheduler (no sweeps), sending to a real SMTP server
/// (netDumbster on loopback), and a fast escalation policy: level 1 at the deadline, level 2 ten seconds later,
/// level 3 twenty seconds later.
/// </summary>
public sealed class JobsHostFixture(PostgresClusterFixture cluster) : HostFixture(cluster)
{
    public SimpleSmtpServer Smtp { get; private set; } = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();

    /// <summary>
    /// Starts a fresh server on the same port after a test stopped it, so the tests that follow (in any order) find
    /// the mail server up.
    /// </summary>
    public SimpleSmtpServer RestartSmtp()
    {
        var port = Smtp.Configuration.Port;
        Smtp.Stop();
        Smtp = Configuration.Configure().WithAddress(IPAddress.Loopback).WithPort(port).Build();
        return Smtp;
    }

    public static void UseFastJobs(IWebHostBuilder builder, int smtpPort)
    {
        builder.UseSetting("Jobs:Enabled", "true");
        builder.UseSetting("Jobs:PollingInterval", "00:00:00.500");
        builder.UseSetting("Mail:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Mail:Smtp:Port", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:Smtp:Security", "None");
        builder.UseSetting("Mail:Smtp:Timeout", "00:00:05");
        builder.UseSetting("Notifications:BaseBackoff", "00:00:01");
        // The tests move the fake clock by hours while the server is down; the next probe must still come within seconds.
        builder.UseSetting("Notifications:MaxProbeInterval", "00:00:03");
        string[][] levels = [["0", "Assignee"], ["10", "AgencySupervisor"], ["20", "PublicCaseOwner", "DistrictHub"]];
        for (var i = 0; i < levels.Length; i++)
        {
            builder.UseSetting($"Escalation:Policies:fast:Levels:{i}:Extra", $"00:00:{levels[i][0]}");
            for (var r = 1; r < levels[i].Length; r++)
            {
                builder.UseSetting($"Escalation:Policies:fast:Levels:{i}:Recipients:{r - 1}", levels[i][r]);
            }
        }
    }

    protected override void ConfigureHost(IWebHostBuilder builder) => UseFastJobs(builder, Smtp.Configuration.Port);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Stop();
    }
}
