using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using netDumbster.smtp;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Tests.Features.Notifications;

/// <summary>The host sending to a real SMTP server (netDumbster on loopback), with no Hangfire server: tests run the dispatcher.</summary>
public sealed class SmtpHostFixture(PostgresClusterFixture cluster) : HostFixture(cluster)
{
    public SimpleSmtpServer Smtp { get; } = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();

    /// <summary>While <see cref="SlowNotices.Delay"/> is set, each "notice" message takes that long on the test clock.</summary>
    public SlowNotices SlowNotices { get; } = new();

    protected override void ConfigureHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Mail:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Mail:Smtp:Port", Smtp.Configuration.Port.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Mail:Smtp:Security", "None");
        builder.UseSetting("Mail:Smtp:Timeout", "00:00:05");
        // Messages the tests address to example.org pass the district's send rules and reach this server.
        builder.UseSetting($"Workflows:MailAllowList:{DemoData.District}:0", "@example.org");
        builder.ConfigureServices(services => services.AddSingleton<IMessageDataSource>(SlowNotices));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Stop();
    }
}

/// <summary>A slow mail server as the dispatcher sees it: each "notice" message moves the test clock on, then runs <see cref="During"/>.</summary>
public sealed class SlowNotices : IMessageDataSource
{
    public (FakeTimeProvider Clock, TimeSpan Each)? Delay { get; set; }

    /// <summary>Runs while a message is being sent (another process's claim, say).</summary>
    public Func<Task>? During { get; set; }

    public bool Handles(string? template) => template == "notice" && Delay is not null;

    public async Task<string> DataAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        if (Delay is { } delay)
        {
            delay.Clock.Advance(delay.Each);
        }

        if (During is { } during)
        {
            await during();
        }

        return "{}";
    }
}
