using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>The referral's revision as an HTTP ETag; a change must name the version it was based on (428 otherwise).</summary>
internal static class ReferralVersion
{
    public static void SetETag(HttpContext context, int revision) => Versions.SetETag(context, revision);

    public static int Expected(HttpRequest request, int? bodyVersion) => Versions.Required(request, bodyVersion);

    public static ApiException Stale(int currentRevision) => Versions.Stale(currentRevision);
}
