namespace ReferralFlow.Host.Features.Notifications;

/// <summary>
/// A message that has recipients, none of whom wants it by email (each chose the app or the digest): not an error, so
/// the dispatcher records it as not mailed on purpose instead of failed. What it was about is in their bell already.
/// </summary>
public sealed class MailNotWantedException : Exception
{
    public MailNotWantedException()
    {
    }

    public MailNotWantedException(string message)
        : base(message)
    {
    }

    public MailNotWantedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
