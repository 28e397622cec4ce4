using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Tasks;

/// <summary>
/// The task row's revision as an HTTP ETag and the expected version of a change. Optional on task actions: without it
/// the action applies to the row as the server reads it, still guarded by the row's concurrency token.
/// </summary>
internal static class TaskVersion
{
    public static void SetETag(HttpContext context, int revision) => Versions.SetETag(context, revision);

    public static int? Expected(HttpRequest request, int? bodyVersion) => Versions.Expected(request, bodyVersion);

    /// <summary>409 with the current version when the client's view of the task is stale.</summary>
    public static void Check(WorkTaskRecord task, int? expected)
    {
        if (expected is { } version && version != task.Revision)
        {
            throw Stale(task.Revision);
        }
    }

    public static ApiException Stale(int currentRevision) => Versions.Stale(currentRevision);
}
