using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// <c>PUT /api/workflows/{key}/draft</c> (designers): replaces the draft of the caller's district's workflow. The revision the editor started from is
/// required (<c>If-Match</c> or <c>version</c>); a stale one is 409 with the current revision. The document must be a
/// readable BPMN process whose process id is the key; errors inside it are reported, not refused.
/// </summary>
internal sealed class SaveDraft(WorkflowValidation validation, DefinitionStore store, CurrentUser user)
{
    public sealed record Response(string Key, string Name, string District, int Revision, int? LatestVersion, ValidationReport Validation);

    public async Task<Response> HandleAsync(string key, string? district, WorkflowBody.Payload body, CancellationToken cancellationToken)
    {
        var owner = WorkflowDistrict.Resolve(user, district, key);
        var expected = body.Version ?? throw new ApiException(StatusCodes.Status428PreconditionRequired, ProblemCode.VersionRequired, ProblemCode.DraftRevisionRequired,
            new Dictionary<string, ProblemMessage[]>(StringComparer.Ordinal) { ["version"] = [ProblemCode.DraftRevisionRequired] });
        var current = await store.GetDraftAsync(owner, key, cancellationToken) ?? throw WorkflowDistrict.NotFound(key);
        if (current.Revision != expected)
        {
            throw Stale(key, current.Revision);
        }

        // Selecting the process by the key refuses a document whose process id was changed: the key is the workflow's identity.
        var parsed = await validation.ParseAsync(body.Xml!, processId: key, owner, cancellationToken);
        WorkflowValidation.RequireReadable(parsed);
        WorkflowDraft draft;
        try
        {
            draft = await store.SaveDraftAsync(owner, key, body.Xml!, expected, cancellationToken);
        }
        catch (ConcurrencyConflictException conflict)
        {
            throw Stale(key, conflict.CurrentRevision);
        }

        return new Response(draft.Key, draft.Name, draft.District, draft.Revision, draft.LatestVersion == 0 ? null : draft.LatestVersion, ValidationReport.From(parsed));
    }

    internal static ApiException Stale(string key, int? currentRevision) =>
        new(StatusCodes.Status409Conflict, ProblemCode.ConcurrencyConflict, ProblemCode.DraftStale.With(key, currentRevision),
            extensions: new Dictionary<string, object?> { ["currentVersion"] = currentRevision });
}
