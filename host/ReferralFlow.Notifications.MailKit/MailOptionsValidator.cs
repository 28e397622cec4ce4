using Microsoft.Extensions.Options;

namespace ReferralFlow.Notifications.MailKit;

/// <summary>Refuses at start-up an SMTP set-up that would send the password unencrypted, unless explicitly allowed.</summary>
internal sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public const string PlainTextCredentials =
        "Mail:Smtp:Security=None would send Mail:Smtp:UserName and Password in plain text. Use StartTls, SslOnConnect or Auto " +
        "(which then requires STARTTLS), or set Mail:Smtp:AllowPlainTextCredentials=true if the path to the server is trusted.";

    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        var smtp = options.Smtp;
        return !string.IsNullOrWhiteSpace(smtp.Host) && smtp.HasCredentials && smtp.Security == SmtpSecurity.None && !smtp.AllowPlainTextCredentials
            ? ValidateOptionsResult.Fail(PlainTextCredentials)
            : ValidateOptionsResult.Success;
    }
}
