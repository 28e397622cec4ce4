using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// Reads a BPMN document from a request: a raw XML body (<c>application/xml</c>, <c>text/xml</c>) or JSON
/// <c>{ "xml": "…", "version": n }</c>; the expected draft revision also comes from <c>If-Match</c>.
/// The body is read by hand, with a hard size limit, so the limit holds on any server.
/// </summary>
internal static class WorkflowBody
{
    /// <summary>Larger bodies get 413; the parser's own limit (4 Mi characters) is below it, so it reports first.</summary>
    public const long MaxBytes = 5 * 1024 * 1024;

    public sealed record Payload([Required] string? Xml, int? Version);

    public static async Task<Payload> ReadAsync(HttpRequest request, CancellationToken cancellationToken, bool xmlRequired = true)
    {
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBytes;
        }

        if (request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }

        var bytes = await ReadLimitedAsync(request.Body, cancellationToken);
        Payload payload;
        if (bytes.Length == 0)
        {
            payload = new Payload(null, null);
        }
        else
        {
            var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var type) ? type : null;
            payload = mediaType?.MediaType.Value?.ToLowerInvariant() switch
            {
                "application/xml" or "text/xml" or "application/bpmn+xml" => new Payload(Decode(bytes, mediaType.Charset.Value), null),
                "application/json" => FromJson(bytes, request.HttpContext),
                { } other when other.EndsWith("+json", StringComparison.Ordinal) => FromJson(bytes, request.HttpContext),
                _ => throw new ApiException(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                    "Send the BPMN document as application/xml (or text/xml), or as JSON { \"xml\": \"…\" }."),
            };
        }

        if (xmlRequired && string.IsNullOrWhiteSpace(payload.Xml))
        {
            throw ApiException.Invalid("xml", "The BPMN XML document is required.");
        }

        return payload with { Version = IfMatch(request) ?? payload.Version };
    }

    /// <summary>The revision in <c>If-Match</c>, or null when absent.</summary>
    public static int? IfMatch(HttpRequest request) => Versions.Expected(request);

    public static void SetETag(HttpContext context, int revision) => Versions.SetETag(context, revision);

    /// <summary>True when the client asked for the raw document (<c>Accept: application/xml</c>) and not for JSON.</summary>
    public static bool WantsXml(HttpRequest request)
    {
        var accept = request.GetTypedHeaders().Accept;
        return accept.Any(a => a.MediaType.Value is "application/xml" or "text/xml" or "application/bpmn+xml")
            && !accept.Any(a => a.MediaType.Value is "application/json");
    }

    public static IResult Xml(string xml) => Results.Text(xml, "application/xml", Encoding.UTF8);

    private static async Task<byte[]> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Decode(byte[] bytes, string? charset)
    {
        var encoding = Encoding.UTF8;
        if (!string.IsNullOrEmpty(charset))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                throw ApiException.Invalid("Content-Type", $"The charset '{charset}' is not supported; send UTF-8.");
            }
        }

        using var reader = new StreamReader(new MemoryStream(bytes), encoding, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    private static Payload FromJson(byte[] bytes, HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            return JsonSerializer.Deserialize<Payload>(bytes, options) ?? new Payload(null, null);
        }
        catch (JsonException ex)
        {
            throw ApiException.Invalid(string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.'), "The JSON body is not valid: expected { \"xml\": \"…\", \"version\": n }.");
        }
    }

    private static ApiException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, "Request too large", $"A workflow document may be at most {MaxBytes / (1024 * 1024)} MB.",
            extensions: new Dictionary<string, object?> { ["code"] = "request-too-large" });
}
