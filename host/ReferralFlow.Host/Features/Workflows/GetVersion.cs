using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// <c>GET /api/workflows/{key}/versions/{version}</c>: a published version — metadata, the roles a referral must
/// allocate, and the XML; with <c>Accept: application/xml</c> the raw BPMN document.
/// </summary>
internal static class GetVersion
{
    public sealed record Role(string Key, string? Name);

    public sealed record Response(Guid Id, string Key, string? Name, int Version, DateTimeOffset PublishedAt, string PublishedBy, IReadOnlyList<Role> Roles, string Xml);

    public static async Task<IResult> HandleAsync(string key, int version, HttpContext context, DefinitionStore store, DefinitionCache cache, CancellationToken cancellationToken)
    {
        var found = await store.GetVersionAsync(key, version, cancellationToken)
            ?? throw ApiException.NotFound($"Workflow '{key}' has no version {version}.");
        if (WorkflowBody.WantsXml(context.Request))
        {
            return WorkflowBody.Xml(found.Xml);
        }

        var definition = cache.GetOrParse(found.Id, found.Xml);
        return Results.Ok(new Response(found.Id, found.Key, definition.Name, found.Version, found.PublishedAt, found.PublishedBy,
            [.. definition.Roles.Select(r => new Role(r.Key, r.Name))], found.Xml));
    }
}
