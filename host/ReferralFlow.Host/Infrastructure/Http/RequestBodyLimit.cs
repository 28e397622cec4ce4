using Microsoft.AspNetCore.Http.Features;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// Caps every request body at <see cref="DefaultMaxBytes"/> (API JSON and page forms are a few kilobytes); larger
/// bodies are answered 413. An endpoint that needs more raises the limit through
/// <see cref="IHttpMaxRequestBodySizeFeature"/> before it reads (the workflow XML endpoints keep their 5 MB). The cap is
/// counted here on the body stream as well as handed to Kestrel, so it holds on any server (the test server included)
/// and for chunked bodies without a Content-Length.
/// </summary>
internal sealed class RequestBodyLimit(RequestDelegate next)
{
    public const long DefaultMaxBytes = 256 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var server = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        var limit = new Limit(server) { MaxRequestBodySize = DefaultMaxBytes };
        context.Features.Set<IHttpMaxRequestBodySizeFeature>(limit);
        context.Request.Body = new LimitedStream(context.Request.Body, limit, context.Request.ContentLength);
        return next(context);
    }

    internal static BadHttpRequestException TooLarge(long max) =>
        new($"The request body is larger than {max / 1024} KB.", StatusCodes.Status413PayloadTooLarge);

    /// <summary>The limit as the endpoint sees it; changes go through to the server's own limit while it can take them.</summary>
    private sealed class Limit(IHttpMaxRequestBodySizeFeature? server) : IHttpMaxRequestBodySizeFeature
    {
        private long? _max;

        public bool Started { get; set; }

        public bool IsReadOnly => Started || server?.IsReadOnly == true;

        public long? MaxRequestBodySize
        {
            get => _max;
            set
            {
                if (IsReadOnly)
                {
                    throw new InvalidOperationException("The request body is already being read; its size limit cannot change.");
                }

                _max = value;
                if (server is { IsReadOnly: false })
                {
                    server.MaxRequestBodySize = value;
                }
            }
        }
    }

    private sealed class LimitedStream(Stream inner, Limit limit, long? contentLength) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, Check(count)));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer[..Check(buffer.Length)], cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        // The first read fixes the limit; a declared length over it fails before anything is read.
        private int Check(int count)
        {
            limit.Started = true;
            if (limit.MaxRequestBodySize is { } max && contentLength > max)
            {
                throw TooLarge(max);
            }

            return count;
        }

        private int Count(int read)
        {
            _read += read;
            return limit.MaxRequestBodySize is { } max && _read > max ? throw TooLarge(max) : read;
        }
    }
}
