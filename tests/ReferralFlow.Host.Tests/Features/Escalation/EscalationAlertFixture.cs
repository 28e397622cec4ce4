using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using netDumbster.smtp;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Escalation;

/// <summary>
/// The host with a real SMTP server and the fast escalation policy of <see cref="JobsHostFixture"/> (level 1 at the
/// deadline to the assignee, level 2 ten seconds later to the supervisors, level 3 twenty seconds later to the case owner
/// and the hub), but no job server: tests run the sweep and the dispatcher themselves.
/// </summary>
public sealed class EscalationAlertFixture(PostgresClusterFixture cluster) : HostFixture(cluster)
{
    public SimpleSmtpServer Smtp { get; } = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        JobsHostFixture.UseFastJobs(builder, Smtp.Configuration.Port);
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Mail:Smtp:Port", Smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Stop();
    }
}
