using Microsoft.Extensions.Options;

namespace ReferralFlow.Notifications.MailKit;

/// <summary>Writes each message as an <c>.eml</c> file (the embedded default without an SMTP server).</summary>
public sealed class PickupDirectoryTransport(IOptions<MailOptions> options) : IMailTransport, IMailSession
{
    public Task<IMailSession> OpenAsync(CancellationToken cancellationToken) => Task.FromResult<IMailSession>(this);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var directory = options.Value.PickupDirectory;
        Directory.CreateDirectory(directory);
        var safeId = string.Concat(message.MessageId.Select(c => char.IsLetterOrDigit(c) || c is '-' or '.' ? c : '_'));
        var path = Path.Combine(directory, $"{safeId}.eml");
        // Write to a temporary name first so a reader never sees half a message; the same id overwrites (no duplicates).
        var temporary = path + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await MimeMessages.Create(message, options.Value.From).WriteToAsync(stream, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
