using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// <c>GET /api/workflows/{key}/versions/{version}</c>: a published version of the caller's district's workflow — metadata,
/// the roles a referral must allocate, and the XML; with <c>Accept: application/xml</c> the raw BPMN document.
/// </summary>
internal sealed class GetVersion(DefinitionStore store, DefinitionCache cache, CurrentUser user)
{
    public sealed record Role(string Key, string? Name);

    public sealed record Response(
        Guid Id, string Key, string? Name, string District, int Version, DateTimeOffset PublishedAt, string PublishedBy, IReadOnlyList<Role> Roles, string Xml);

    /// <summary>The raw document of the version (for <c>Accept: application/xml</c>), without parsing it.</summary>
    public async Task<string> XmlAsync(string key, int version, string? district, CancellationToken cancellationToken) =>
        (await FindAsync(key, version, district, cancellationToken)).Xml;

    public async Task<Response> HandleAsync(string key, int version, string? district, CancellationToken cancellationToken)
    {
        var found = await FindAsync(key, version, district, cancellationToken);
        var definition = cache.GetOrParse(found.Id, found.Xml);
        return new Response(found.Id, found.Key, definition.Name, found.District, found.Version, found.PublishedAt, found.PublishedBy,
            [.. definition.Roles.Select(r => new Role(r.Key, r.Name))], found.Xml);
    }

    private async Task<PublishedWorkflowVersion> FindAsync(string key, int version, string? district, CancellationToken cancellationToken) =>
        await store.GetVersionAsync(WorkflowDistrict.Resolve(user, district, key), key, version, cancellationToken)
            ?? throw ApiException.NotFound(ProblemCode.WorkflowVersionNotPublished.With(key, version));
}
