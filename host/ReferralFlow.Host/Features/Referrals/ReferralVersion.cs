using System.Globalization;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>The referral's revision as an HTTP ETag, and the expected version of a change (<c>If-Match</c> or <c>version</c>).</summary>
internal static class ReferralVersion
{
    public static void SetETag(HttpContext context, int revision) =>
        context.Response.Headers.ETag = $"\"{revision.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>The expected revision: <c>If-Match: "3"</c> (also <c>W/"3"</c>) wins over the body's <c>version</c>; 428 when neither is sent.</summary>
    public static int Expected(HttpRequest request, int? bodyVersion)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0)
        {
            return bodyVersion ?? throw new ApiException(StatusCodes.Status428PreconditionRequired, "Version required",
                "Send the version you read as If-Match (the ETag) or as 'version'.",
                new Dictionary<string, string[]> { ["version"] = ["The referral version is required."] });
        }

        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return int.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : throw ApiException.Invalid("If-Match", "If-Match must be the quoted version from the ETag, e.g. \"3\".");
    }

    public static ApiException Stale(int currentRevision) =>
        ApiException.Conflict($"The referral was changed by someone else (now version {currentRevision}); reload it and try again.",
            new Dictionary<string, object?> { ["code"] = "concurrency-conflict", ["currentVersion"] = currentRevision });
}
