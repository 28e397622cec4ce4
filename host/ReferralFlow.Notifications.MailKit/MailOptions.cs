namespace ReferralFlow.Notifications.MailKit;

public enum SmtpSecurity
{
    /// <summary>
    /// STARTTLS when the server offers it; with credentials STARTTLS is required (never a plain-text password) unless
    /// <see cref="SmtpOptions.AllowPlainTextCredentials"/>.
    /// </summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>
/// <c>Mail:*</c>. With <c>Mail:Smtp:Host</c> set, messages go over SMTP; otherwise they are written as <c>.eml</c> files to
/// <c>Mail:PickupDirectory</c> (the embedded default).
/// </summary>
public sealed class MailOptions
{
    public string From { get; set; } = "ReferralFlow <noreply@referralflow.local>";

    public string PickupDirectory { get; set; } = "data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Base address of the worker pages, for links in messages.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:5080";
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Lets the user name and password cross an unencrypted connection (<see cref="SmtpSecurity.None"/>, or
    /// <see cref="SmtpSecurity.Auto"/> against a server without STARTTLS). Off: with credentials, TLS is required.
    /// </summary>
    public bool AllowPlainTextCredentials { get; set; }

    public bool HasCredentials => !string.IsNullOrEmpty(UserName);
}
