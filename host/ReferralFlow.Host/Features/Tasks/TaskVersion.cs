using System.Globalization;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Tasks;

/// <summary>
/// The task row's revision as an HTTP ETag, and the expected version of a change: <c>If-Match: "3"</c> (also
/// <c>W/"3"</c>) wins over the body's <c>version</c>. Optional on task actions: without it the action applies to the
/// row as the server reads it, still guarded by the row's concurrency token.
/// </summary>
internal static class TaskVersion
{
    public static void SetETag(HttpContext context, int revision) =>
        context.Response.Headers.ETag = $"\"{revision.ToString(CultureInfo.InvariantCulture)}\"";

    public static int? Expected(HttpRequest request, int? bodyVersion)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0 || header == "*")
        {
            return bodyVersion;
        }

        var value = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return int.TryParse(value.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : throw ApiException.Invalid("If-Match", "If-Match must be the quoted version from the ETag, e.g. \"3\".");
    }

    /// <summary>409 with the current version when the client's view of the task is stale.</summary>
    public static void Check(WorkTaskRecord task, int? expected)
    {
        if (expected is { } version && version != task.Revision)
        {
            throw Stale(task.Revision);
        }
    }

    public static ApiException Stale(int currentRevision) =>
        ApiException.Conflict($"The task was changed by someone else (now version {currentRevision}); reload it and try again.",
            new Dictionary<string, object?> { ["code"] = "concurrency-conflict", ["currentVersion"] = currentRevision });
}
