using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Parsing;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// Reads a BPMN document from a request: a raw XML body (<c>application/xml</c>, <c>text/xml</c>) or JSON
/// <c>{ "xml": "…", "version": n }</c>; the expected draft revision also comes from <c>If-Match</c>.
/// The body is read by hand, with a hard size limit, so the limit holds on any server. A raw body is decoded as XML
/// says (byte order mark, then the request's charset, then the declaration's encoding, e.g. EUC-KR) and the document is
/// kept as UTF-8 with its declaration saying so; bytes that cannot be decoded are refused with their line.
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
                _ => throw new ApiException(StatusCodes.Status415UnsupportedMediaType, ProblemCode.UnsupportedMediaType, ProblemCode.WorkflowMediaType),
            };
        }

        if (xmlRequired && string.IsNullOrWhiteSpace(payload.Xml))
        {
            throw ApiException.Invalid("xml", ProblemCode.WorkflowXmlRequired);
        }

        // A workflow document is free text too (labels, documentation): a resident number never reaches a draft.
        if (PersonalDataGuard.LooksLikeResidentNumber(payload.Xml))
        {
            throw ApiException.Invalid("xml", ProblemCode.ResidentNumber);
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
        var decoded = BpmnText.Decode(bytes, charset);
        return decoded.Xml ?? throw WorkflowValidation.Unreadable([decoded.Issue!]);
    }

    private static Payload FromJson(byte[] bytes, HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(bytes, options) ?? new Payload(null, null);
            return payload.Xml is null ? payload : payload with { Xml = BpmnText.DeclareUtf8(payload.Xml) };
        }
        catch (JsonException ex)
        {
            throw ApiException.Invalid(string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.'), ProblemCode.WorkflowBodyInvalid);
        }
    }

    private static ApiException TooLarge() =>
        new(StatusCodes.Status413PayloadTooLarge, ProblemCode.RequestTooLarge, ProblemCode.WorkflowTooLarge.With(MaxBytes / (1024 * 1024)));
}
