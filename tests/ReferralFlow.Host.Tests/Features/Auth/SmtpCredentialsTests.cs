using System.Net;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using netDumbster.smtp;
using ReferralFlow.Notifications;
using ReferralFlow.Notifications.MailKit;

namespace ReferralFlow.Host.Tests.Features.Auth;

/// <summary>SMTP credentials never travel unencrypted unless the operator says so.</summary>
public sealed class SmtpCredentialsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(SmtpSecurity.Auto, "relay-user", false, SecureSocketOptions.StartTls)]
    [InlineData(SmtpSecurity.Auto, null, false, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData(SmtpSecurity.Auto, "relay-user", true, SecureSocketOptions.StartTlsWhenAvailable)]
    [InlineData(SmtpSecurity.StartTls, "relay-user", false, SecureSocketOptions.StartTls)]
    [InlineData(SmtpSecurity.SslOnConnect, "relay-user", false, SecureSocketOptions.SslOnConnect)]
    [InlineData(SmtpSecurity.None, null, false, SecureSocketOptions.None)]
    [InlineData(SmtpSecurity.None, "relay-user", true, SecureSocketOptions.None)]
    public void Auto_requires_StartTls_when_credentials_are_set(SmtpSecurity security, string? userName, bool allowPlainText, SecureSocketOptions expected)
    {
        var smtp = new SmtpOptions { Host = "smtp.example", Security = security, UserName = userName, Password = "secret", AllowPlainTextCredentials = allowPlainText };

        Assert.Equal(expected, SmtpMailTransport.SocketOptions(smtp));
    }

    [Fact]
    public async Task Credentials_are_not_sent_to_a_server_without_StartTls()
    {
        using var server = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();
        var transport = new SmtpMailTransport(Options.Create(new MailOptions
        {
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = server.Configuration.Port, UserName = "relay-user", Password = "secret", Timeout = TimeSpan.FromSeconds(5) },
        }));

        var failure = await Assert.ThrowsAsync<MailDeliveryException>(() => transport.OpenAsync(Ct));

        Assert.False(failure.Permanent);
        Assert.Contains("does not offer TLS", failure.Message, StringComparison.Ordinal);
        Assert.Contains("AllowPlainTextCredentials", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_up_fails_with_a_clear_error_for_credentials_over_plain_text()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Mail:Smtp:Host"] = "smtp.example",
            ["Mail:Smtp:Security"] = "None",
            ["Mail:Smtp:UserName"] = "relay-user",
            ["Mail:Smtp:Password"] = "secret",
        };

        var refused = Assert.Throws<OptionsValidationException>(() => Validate(settings));
        Assert.Contains("Mail:Smtp:AllowPlainTextCredentials=true", refused.Message, StringComparison.Ordinal);

        settings["Mail:Smtp:AllowPlainTextCredentials"] = "true";
        Validate(settings);
    }

    // What the host runs at start-up for ValidateOnStart options.
    private static void Validate(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddReferralFlowMail(configuration).BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate();
    }
}
