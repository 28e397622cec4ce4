using Microsoft.Extensions.Options;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Notifications.MailKit;

namespace ReferralFlow.Host.Tests.Features.Notifications;

public sealed class NotificationOptionsValidatorTests
{
    [Theory]
    [InlineData("00:02:00", "00:00:30", true)]
    [InlineData("00:00:20", "00:00:05", true)]
    [InlineData("00:01:59", "00:00:30", false)]
    public void The_claim_lease_must_outlast_four_smtp_timeouts(string lease, string timeout, bool valid)
    {
        var validator = new NotificationOptionsValidator(Options.Create(new MailOptions { Smtp = new SmtpOptions { Timeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture) } }));

        var result = validator.Validate(null, new NotificationOptions { ClaimLease = TimeSpan.Parse(lease, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Notifications:ClaimLease", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("00:00:01", "00:01:00", true)]
    [InlineData("00:00:03", "00:00:03", true)]
    [InlineData("00:00:05", "00:00:03", false)]
    [InlineData("00:00:00", "00:00:03", false)]
    public void The_probe_interval_must_be_positive_and_at_most_its_maximum(string interval, string max, bool valid)
    {
        var validator = new NotificationOptionsValidator(Options.Create(new MailOptions()));

        var result = validator.Validate(null, new NotificationOptions
        {
            ProbeInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture),
            MaxProbeInterval = TimeSpan.Parse(max, System.Globalization.CultureInfo.InvariantCulture),
        });

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Notifications:ProbeInterval", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
