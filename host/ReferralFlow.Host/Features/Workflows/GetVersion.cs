using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// <c>GET /api/workflows/{key}/versions/{version}</c>: a published version of the caller's district's workflow — metadata,
/// the roles a referral must allocate, and the XML; with <c>Accept: application/xml</c> the raw BPMN document.
/// </summary>
internal static class GetVersion
{
    public sealed record Role(string Key, string? Name);

    public sealed record Response(
        Guid Id, string Key, string? Name, string District, int Version, DateTimeOffset PublishedAt, string PublishedBy, IReadOnlyList<Role> Roles, string Xml);

    public static async Task<IResult> HandleAsync(
        string key, int version, string? district, HttpContext context, DefinitionStore store, DefinitionCache cache, CurrentUser user, CancellationToken cancellationToken)
    {
        var owner = WorkflowDistrict.Resolve(user, district, key);
        var found = await store.GetVersionAsync(owner, key, version, cancellationToken)
            ?? throw ApiException.NotFound(ProblemCode.WorkflowVersionNotPublished.With(key, version));
        if (WorkflowBody.WantsXml(context.Request))
        {
            return WorkflowBody.Xml(found.Xml);
        }

        var definition = cache.GetOrParse(found.Id, found.Xml);
        return Results.Ok(new Response(found.Id, found.Key, definition.Name, found.District, found.Version, found.PublishedAt, found.PublishedBy,
            [.. definition.Roles.Select(r => new Role(r.Key, r.Name))], found.Xml));
    }
}
