using MimeKit;

namespace ReferralFlow.Notifications.MailKit;

internal static class MimeMessages
{
    public static MimeMessage Create(OutgoingMessage message, string from)
    {
        var mime = new MimeMessage { MessageId = message.MessageId, Subject = message.Subject };
        mime.From.Add(MailboxAddress.Parse(from));
        foreach (var (name, address) in message.To)
        {
            mime.To.Add(new MailboxAddress(name, address));
        }

        mime.Body = new TextPart("plain") { Text = message.TextBody };
        return mime;
    }
}
