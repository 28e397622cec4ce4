using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace ReferralFlow.Benchmarks.Escalation;

/// <summary>
/// A minimal SMTP server for the benchmarks that serves connections concurrently and answers each command in one write
/// (netDumbster handles accepted connections one after another in its accept callback and splits its EHLO reply,
/// which costs 42 ms per connect and queues simultaneous connects: docs/benchmarks.md (g)). It speaks enough SMTP
/// for MailKit — EHLO/HELO, PIPELINING, MAIL, RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT — reads each message's
/// headers with MimeKit (the benchmark needs the subject and Message-Id, and the body parse cost CPU the hosts share),
/// and <see cref="Stop"/> refuses new connections and resets the open ones, as a server that went down would.
/// </summary>
internal sealed class SmtpSink : IDisposable
{
    private static readonly byte[] Ok = "250 OK\r\n"u8.ToArray();
    private readonly List<TcpClient> open = [];
    private TcpListener? listener;

    public SmtpSink(int port)
    {
        Port = port;
        Start();
    }

    /// <summary>Whether the benchmarks use this sink rather than netDumbster (<c>REFERRALFLOW_BENCH_SMTP=sink</c>).</summary>
    public static bool Chosen => Environment.GetEnvironmentVariable("REFERRALFLOW_BENCH_SMTP") == "sink";

    public int Port { get; }

    public event Action<HeaderList>? MessageReceived;

    public void Start()
    {
        lock (open)
        {
            if (listener is not null)
            {
                return;
            }

            listener = new TcpListener(IPAddress.Loopback, Port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start(512);
            _ = AcceptAsync(listener);
        }
    }

    public void Stop()
    {
        lock (open)
        {
            listener?.Stop();
            listener = null;
            foreach (var client in open)
            {
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
            }

            open.Clear();
        }
    }

    public void Dispose() => Stop();

    private async Task AcceptAsync(TcpListener from)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await from.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            lock (open)
            {
                if (listener != from)
                {
                    client.Dispose();
                    return;
                }

                open.Add(client);
            }

            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        client.NoDelay = true;
        try
        {
            var stream = client.GetStream();
            var reader = new SmtpLineReader(stream);
            await stream.WriteAsync("220 sink ESMTP\r\n"u8.ToArray());
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        // PIPELINING as Postfix and Exchange offer it: the client sends MAIL, RCPT and DATA together.
                        await stream.WriteAsync("250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"u8.ToArray());
                        break;
                    case "DATA":
                        await stream.WriteAsync("354 End data with <CR><LF>.<CR><LF>\r\n"u8.ToArray());
                        var message = await reader.ReadDataAsync();
                        MessageReceived?.Invoke(HeaderList.Load(new MemoryStream(message)));
                        await stream.WriteAsync(Ok);
                        break;
                    case "QUIT":
                        await stream.WriteAsync("221 Bye\r\n"u8.ToArray());
                        return;
                    default:
                        // HELO, MAIL, RCPT, RSET, NOOP: everyone is welcome here.
                        await stream.WriteAsync(Ok);
                        break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
        {
            // Reset by Stop, or the client went away.
        }
        finally
        {
            lock (open)
            {
                open.Remove(client);
            }

            client.Dispose();
        }
    }

    /// <summary>Reads CRLF lines and the DATA section from the connection's stream.</summary>
    private sealed class SmtpLineReader(NetworkStream stream)
    {
        private readonly byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end;

        public async Task<string?> ReadLineAsync() =>
            await ReadRawLineAsync() is { } line ? Encoding.UTF8.GetString(line) : null;

        public async Task<byte[]> ReadDataAsync()
        {
            using var message = new MemoryStream();
            while (await ReadRawLineAsync() is { } line)
            {
                if (line is [(byte)'.'])
                {
                    return message.ToArray();
                }

                // Dot-unstuffing: a line the client began with an extra dot.
                var body = line is [(byte)'.', ..] ? line.AsSpan(1) : line;
                message.Write(body);
                message.Write("\r\n"u8);
            }

            throw new IOException("The connection ended inside DATA.");
        }

        private async Task<byte[]?> ReadRawLineAsync()
        {
            while (true)
            {
                var at = Array.IndexOf(buffer, (byte)'\n', start, end - start);
                if (at >= 0)
                {
                    var length = at - start;
                    var line = buffer.AsSpan(start, length > 0 && buffer[at - 1] == '\r' ? length - 1 : length).ToArray();
                    start = at + 1;
                    return line;
                }

                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    throw new IOException("A line longer than 64 KB.");
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end));
                if (read == 0)
                {
                    return null;
                }

                end += read;
            }
        }
    }
}
