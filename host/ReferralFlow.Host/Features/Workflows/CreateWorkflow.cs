using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// <c>POST /api/workflows</c> (designers): creates a workflow of the caller's district (a system administrator may name
/// another with <c>?district=</c>) from a BPMN document, keyed by its process id. The draft is saved even when it has
/// errors, so work in progress is never lost; the response carries the validation report. A key the district already
/// has is 409; an unreadable or hostile document is 400 and nothing is stored.
/// </summary>
internal sealed class CreateWorkflow(WorkflowValidation validation, DefinitionStore store, CurrentUser user, ReferralFlowDbContext db)
{
    public sealed record Response(string Key, string Name, string District, int Revision, int? LatestVersion, ValidationReport Validation);

    public async Task<Response> HandleAsync(string? district, WorkflowBody.Payload body, CancellationToken cancellationToken)
    {
        var owner = await WorkflowDistrict.ResolveForCreateAsync(user, district, db, cancellationToken);
        var parsed = await validation.ParseAsync(body.Xml!, processId: null, owner, cancellationToken);
        WorkflowValidation.RequireReadable(parsed);
        var key = parsed.Definition!.Id;
        if (key.Length > WorkflowValidation.MaxKeyLength)
        {
            throw ApiException.Invalid("xml", ProblemCode.WorkflowKeyTooLong, WorkflowValidation.MaxKeyLength);
        }

        if (await store.GetDraftAsync(owner, key, cancellationToken) is not null)
        {
            throw Exists(key);
        }

        WorkflowDraft draft;
        try
        {
            draft = await store.SaveDraftAsync(owner, key, body.Xml!, expectedRevision: 0, cancellationToken);
        }
        catch (ConcurrencyConflictException)
        {
            throw Exists(key);
        }

        return new Response(draft.Key, draft.Name, draft.District, draft.Revision, null, ValidationReport.From(parsed));
    }

    private static ApiException Exists(string key) =>
        ApiException.Conflict(ProblemCode.WorkflowExists.With(key), new Dictionary<string, object?> { ["key"] = key });
}
