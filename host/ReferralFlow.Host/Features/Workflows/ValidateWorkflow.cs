using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// <c>POST /api/workflows/validate</c> (a document in the body) and <c>POST /api/workflows/{key}/validate</c> (the saved
/// draft): the validation report without saving — every issue with severity, code, element id, message and line.
/// Roles the caller's district does not allocate are reported on their tasks. Unreadable documents are reported too.
/// </summary>
internal static class ValidateWorkflow
{
    public static async Task<ValidationReport> HandleDocumentAsync(HttpContext context, WorkflowValidation validation, CancellationToken cancellationToken)
    {
        var body = await WorkflowBody.ReadAsync(context.Request, cancellationToken);
        return ValidationReport.From(await validation.ParseAsync(body.Xml!, processId: null, cancellationToken));
    }

    public static async Task<ValidationReport> HandleDraftAsync(string key, WorkflowValidation validation, DefinitionStore store, CancellationToken cancellationToken)
    {
        var draft = await store.GetDraftAsync(key, cancellationToken) ?? throw ApiException.NotFound($"No workflow has the key '{key}'.");
        return ValidationReport.From(await validation.ParseAsync(draft.Xml, processId: key, cancellationToken));
    }
}
