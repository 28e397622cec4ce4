using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// <c>POST /api/workflows/validate</c> (a document in the body) and <c>POST /api/workflows/{key}/validate</c> (the saved
/// draft): the validation report without saving — every issue with severity, code, element id, message and line.
/// Roles the caller's district does not allocate, and send tasks addressing anyone the district's rules do not allow, are
/// reported on their elements. Unreadable documents are reported too.
/// </summary>
internal sealed class ValidateWorkflow(WorkflowValidation validation, DefinitionStore store, CurrentUser user)
{
    public async Task<ValidationReport> HandleDocumentAsync(string? district, WorkflowBody.Payload body, CancellationToken cancellationToken)
    {
        var owner = WorkflowDistrict.Resolve(user, district, key: null);
        return ValidationReport.From(await validation.ParseAsync(body.Xml!, processId: null, owner, cancellationToken));
    }

    public async Task<ValidationReport> HandleDraftAsync(string key, string? district, CancellationToken cancellationToken)
    {
        var owner = WorkflowDistrict.Resolve(user, district, key);
        var draft = await store.GetDraftAsync(owner, key, cancellationToken) ?? throw WorkflowDistrict.NotFound(key);
        return ValidationReport.From(await validation.ParseAsync(draft.Xml, processId: key, owner, cancellationToken));
    }
}
