namespace ReferralFlow.Notifications;

/// <summary>A rendered email; <see cref="MessageId"/> is stable per outbox row so a resend is recognisable.</summary>
public sealed record OutgoingMessage(string MessageId, IReadOnlyList<(string Name, string Address)> To, string Subject, string TextBody);

/// <summary>Delivers rendered messages (SMTP or pickup folder).</summary>
public interface IMailTransport
{
    /// <summary>Opens a session for a batch, so one SMTP connection carries many messages.</summary>
    Task<IMailSession> OpenAsync(CancellationToken cancellationToken);
}

/// <summary>A delivery session: one connection, many messages.</summary>
public interface IMailSession : IAsyncDisposable
{
    /// <summary>Sends one message; throws <see cref="MailDeliveryException"/> with <c>Permanent</c> for errors a retry cannot fix.</summary>
    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>A failed delivery; permanent failures (e.g. a mailbox that does not exist) are not retried.</summary>
public sealed class MailDeliveryException : Exception
{
    public MailDeliveryException(string message, bool permanent, Exception? innerException = null)
        : base(message, innerException) => Permanent = permanent;

    public MailDeliveryException()
    {
    }

    public MailDeliveryException(string message)
        : base(message)
    {
    }

    public MailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool Permanent { get; }

    /// <summary>The server could not be reached or dropped the connection: no message can go until it answers again.</summary>
    public bool ServerUnavailable { get; init; }
}
