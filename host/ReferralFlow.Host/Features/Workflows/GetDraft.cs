using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// <c>GET /api/workflows/{key}/draft</c>: the draft being edited, with its revision as the ETag (send it back as
/// <c>If-Match</c> when saving). With <c>Accept: application/xml</c> the raw BPMN document.
/// </summary>
internal static class GetDraft
{
    public sealed record Response(string Key, string Name, string Xml, int Revision, int? LatestVersion, DateTimeOffset UpdatedAt);

    public static async Task<IResult> HandleAsync(string key, HttpContext context, DefinitionStore store, CancellationToken cancellationToken)
    {
        var draft = await store.GetDraftAsync(key, cancellationToken) ?? throw ApiException.NotFound($"No workflow has the key '{key}'.");
        WorkflowBody.SetETag(context, draft.Revision);
        return WorkflowBody.WantsXml(context.Request)
            ? WorkflowBody.Xml(draft.Xml)
            : Results.Ok(new Response(draft.Key, draft.Name, draft.Xml, draft.Revision, draft.LatestVersion == 0 ? null : draft.LatestVersion, draft.UpdatedAt));
    }
}
