using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using netDumbster.smtp;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Notifications;

/// <summary>The host sending to a real SMTP server (netDumbster on loopback), with no Hangfire server: tests run the dispatcher.</summary>
public sealed class SmtpHostFixture(PostgresClusterFixture cluster) : HostFixture(cluster)
{
    public SimpleSmtpServer Smtp { get; } = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Mail:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Mail:Smtp:Port", Smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:Smtp:Security", "None");
        builder.UseSetting("Mail:Smtp:Timeout", "00:00:05");
        // Messages the tests address to example.org pass the district's send rules and reach this server.
        builder.UseSetting($"Workflows:MailAllowList:{DemoData.District}:0", "@example.org");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Stop();
    }
}
