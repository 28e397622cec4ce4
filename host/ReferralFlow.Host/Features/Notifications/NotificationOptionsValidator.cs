using Microsoft.Extensions.Options;
using ReferralFlow.Notifications.MailKit;

namespace ReferralFlow.Host.Features.Notifications;

/// <summary>
/// Refuses at start-up a claim lease a single slow message could outlast: the dispatcher extends its claim between
/// messages, so one message (up to two SMTP sends, one per language, each up to <c>Mail:Smtp:Timeout</c>) must fit in
/// what is left of a lease a quarter of the way through.
/// </summary>
internal sealed class NotificationOptionsValidator(IOptions<MailOptions> mail) : IValidateOptions<NotificationOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var timeout = mail.Value.Smtp.Timeout;
        if (options.ClaimLease < timeout * 4)
        {
            return ValidateOptionsResult.Fail(
                $"Notifications:ClaimLease ({options.ClaimLease}) must be at least four times Mail:Smtp:Timeout ({timeout}), " +
                "or a slow message could outlast its claim and be sent twice.");
        }

        if (options.ProbeInterval <= TimeSpan.Zero || options.MaxProbeInterval < options.ProbeInterval)
        {
            return ValidateOptionsResult.Fail(
                $"Notifications:ProbeInterval ({options.ProbeInterval}) must be positive and at most Notifications:MaxProbeInterval ({options.MaxProbeInterval}).");
        }

        return options.BatchSize < 1 || options.MaxAttempts < 1
            ? ValidateOptionsResult.Fail("Notifications:BatchSize and Notifications:MaxAttempts must be at least 1.")
            : ValidateOptionsResult.Success;
    }
}
