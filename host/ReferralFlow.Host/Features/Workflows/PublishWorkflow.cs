using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// <c>POST /api/workflows/{key}/publish</c> (designers): publishes the draft of the caller's district's workflow as the next
/// immutable version; running referrals stay on theirs. A draft with errors (including roles the district does not allocate) is 422 with every
/// issue and its element id, e.g. a send task that mails outside the district (<c>send-to-not-allowed</c>). An optional <c>If-Match</c> / <c>version</c> guards against publishing a draft someone
/// else changed since it was validated.
/// </summary>
internal sealed class PublishWorkflow(WorkflowValidation validation, DefinitionStore store, CurrentUser user, AuditLog audit)
{
    public const string AuditAction = "workflow.published";

    public sealed record Response(string Key, string District, int Version, DateTimeOffset PublishedAt, string PublishedBy);

    /// <summary>Publishes the draft; <paramref name="expectedRevision"/> (optional) is the draft revision the caller validated.</summary>
    public async Task<Response> HandleAsync(string key, string? district, int? expectedRevision, CancellationToken cancellationToken)
    {
        var owner = WorkflowDistrict.Resolve(user, district, key);
        var draft = await store.GetDraftAsync(owner, key, cancellationToken) ?? throw WorkflowDistrict.NotFound(key);
        if (expectedRevision is { } expected && expected != draft.Revision)
        {
            throw SaveDraft.Stale(key, draft.Revision);
        }

        var parsed = await validation.ParseAsync(draft.Xml, processId: key, owner, cancellationToken);
        if (!parsed.IsValid)
        {
            throw new DefinitionInvalidException($"The draft of '{key}' was not published: fix the {parsed.Errors.Count()} error(s) listed.", parsed.Issues);
        }

        PublishedWorkflowVersion version;
        try
        {
            version = await store.PublishAsync(owner, key, user.Id.ToString(), cancellationToken);
        }
        catch (ConcurrencyConflictException conflict)
        {
            throw SaveDraft.Stale(key, conflict.CurrentRevision);
        }

        await audit.RecordNowAsync(AuditAction, null, $"{owner} {key} v{version.Version}", cancellationToken);
        return new Response(version.Key, version.District, version.Version, version.PublishedAt, version.PublishedBy);
    }
}
