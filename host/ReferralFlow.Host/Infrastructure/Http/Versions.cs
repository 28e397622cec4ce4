using System.Globalization;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// Optimistic concurrency over HTTP: a resource's revision goes out as the <c>ETag</c>, and a change names the revision it
/// was based on as <c>If-Match: "3"</c> (also <c>W/"3"</c> or <c>3</c>) or as a <c>version</c> field; the header wins.
/// </summary>
public static class Versions
{
    public static void SetETag(HttpContext context, int revision) =>
        context.Response.Headers.ETag = $"\"{revision.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The expected revision from <c>If-Match</c>, else <paramref name="bodyVersion"/>; null when neither (or <c>*</c>) was sent.</summary>
    public static int? Expected(HttpRequest request, int? bodyVersion = null)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return bodyVersion;
        }

        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return int.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : throw ApiException.Invalid("If-Match", ProblemCode.IfMatchInvalid);
    }

    /// <summary>As <see cref="Expected"/>, but 428 Precondition Required when the client sent no version.</summary>
    public static int Required(HttpRequest request, int? bodyVersion) => Required(Expected(request, bodyVersion));

    /// <summary>The version a change was based on, or 428 Precondition Required when the client sent none.</summary>
    public static int Required(int? version) =>
        version ?? throw new ApiException(StatusCodes.Status428PreconditionRequired, ProblemCode.VersionRequired,
            ProblemCode.VersionRequired, new Dictionary<string, ProblemMessage[]> { ["version"] = [ProblemCode.VersionRequired] });

    /// <summary>412 <c>precondition-failed</c> with the current version, for an <c>If-Match</c> that no longer matches.</summary>
    public static ApiException PreconditionFailed(int currentRevision) =>
        new(StatusCodes.Status412PreconditionFailed, ProblemCode.PreconditionFailed, ProblemCode.PreconditionFailed, null,
            new Dictionary<string, object?> { ["currentVersion"] = currentRevision });

    /// <summary>409 <c>concurrency-conflict</c> with the current version, for a change based on a stale read.</summary>
    public static ApiException Stale(int currentRevision) =>
        ApiException.Conflict(ProblemCode.ConcurrencyConflict, new Dictionary<string, object?> { ["currentVersion"] = currentRevision });
}
