using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;

namespace ReferralFlow.Notifications.MailKit;

/// <summary>Sends over SMTP with MailKit (STARTTLS or SSL, optional credentials only over TLS), one connection per batch.</summary>
public sealed class SmtpMailTransport(IOptions<MailOptions> options) : IMailTransport
{
    public async Task<IMailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var mail = options.Value;
        var smtp = mail.Smtp;
        var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException("Mail:Smtp:Host is not set."), smtp.Port, SocketOptions(smtp), cancellationToken);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
            }

            return new Session(client, mail.From);
        }
        catch (Exception ex) when (IsTransient(ex))
        {
            client.Dispose();
            throw new MailDeliveryException($"SMTP connection failed: {ex.Message}", permanent: false, ex) { ServerUnavailable = true };
        }
        catch (NotSupportedException ex) when (smtp.HasCredentials)
        {
            // MailKit refuses to go on without the STARTTLS we required; retried, in case the server gets it back.
            client.Dispose();
            throw new MailDeliveryException(
                $"The SMTP server {smtp.Host}:{smtp.Port} does not offer TLS, and the SMTP password is never sent in plain text " +
                $"(Mail:Smtp:Security; Mail:Smtp:AllowPlainTextCredentials=true to allow it): {ex.Message}", permanent: false, ex);
        }
    }

    /// <summary>
    /// MailKit's socket options for <see cref="SmtpOptions.Security"/>: with credentials, <c>Auto</c> means STARTTLS
    /// required, not "when available", so a server (or someone in between) that drops STARTTLS can't get the password.
    /// </summary>
    public static SecureSocketOptions SocketOptions(SmtpOptions smtp)
    {
        var plainTextForbidden = smtp.HasCredentials && !smtp.AllowPlainTextCredentials;
        return smtp.Security switch
        {
            SmtpSecurity.None when plainTextForbidden => throw new InvalidOperationException(MailOptionsValidator.PlainTextCredentials),
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
            SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
            _ when plainTextForbidden => SecureSocketOptions.StartTls,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };
    }

    private static bool IsTransient(Exception ex) =>
        ex is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException or AuthenticationException or TimeoutException;

    private sealed class Session(SmtpClient client, string from) : IMailSession
    {
        public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            try
            {
                await client.SendAsync(MimeMessages.Create(message, from), cancellationToken);
            }
            catch (SmtpCommandException ex) when (ex.StatusCode is SmtpStatusCode.MailboxUnavailable or SmtpStatusCode.MailboxNameNotAllowed or SmtpStatusCode.UserNotLocalTryAlternatePath)
            {
                throw new MailDeliveryException($"The SMTP server refused a recipient: {ex.Message}", permanent: true, ex);
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                // A refused command (4xx) concerns this message; a broken connection concerns them all.
                throw new MailDeliveryException($"SMTP delivery failed: {ex.Message}", permanent: false, ex) { ServerUnavailable = ex is not SmtpCommandException };
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true);
                }
            }
            catch (Exception ex) when (IsTransient(ex))
            {
                // The messages are already accepted; a failed QUIT changes nothing.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
