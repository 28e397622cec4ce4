using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>The referral's revision as an HTTP ETag; a change must name the version it was based on (428 otherwise).</summary>
internal static class ReferralVersion
{
    public static void SetETag(HttpContext context, int revision) => Versions.SetETag(context, revision);

    /// <summary>The version from <c>If-Match</c> or the body (400 for a malformed header), still optional here.</summary>
    public static int? Sent(HttpRequest request, int? bodyVersion) => Versions.Expected(request, bodyVersion);

    /// <summary>The version a change names, or 428 Precondition Required.</summary>
    public static int Required(int? version) => Versions.Required(version);

    public static ApiException Stale(int currentRevision) => Versions.Stale(currentRevision);
}
