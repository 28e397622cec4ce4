using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// <c>GET /api/workflows/{key}/draft</c>: the draft of the caller's district's workflow, with its revision as the ETag
/// (send it back as <c>If-Match</c> when saving). With <c>Accept: application/xml</c> the raw BPMN document.
/// </summary>
internal sealed class GetDraft(DefinitionStore store, CurrentUser user)
{
    public sealed record Response(string Key, string Name, string District, string Xml, int Revision, int? LatestVersion, DateTimeOffset UpdatedAt);

    public async Task<Response> HandleAsync(string key, string? district, CancellationToken cancellationToken)
    {
        var owner = WorkflowDistrict.Resolve(user, district, key);
        var draft = await store.GetDraftAsync(owner, key, cancellationToken) ?? throw WorkflowDistrict.NotFound(key);
        return new Response(draft.Key, draft.Name, draft.District, draft.Xml, draft.Revision, draft.LatestVersion == 0 ? null : draft.LatestVersion, draft.UpdatedAt);
    }
}
