namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>The body of an action that only guards against a stale read: the version you read, if not sent as <c>If-Match</c>.</summary>
public sealed record VersionBody(int? Version);
