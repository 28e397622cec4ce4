using System.ComponentModel.DataAnnotations;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Consents;

/// <summary>
/// <c>POST /api/referrals/{id}/consents/withdraw</c>: the household withdraws consent (철회) for one agency — every
/// category, or those given. Sharing stops at once (the next read of that agency no longer shows the data); the consent
/// rows stay as history; on the timeline (codes only) and audited. 404 when no live consent matches.
/// </summary>
public sealed class WithdrawConsent(
    ReferralAccess access, CurrentUser user, ReferralFlowDbContext db, WorkflowJournal journal, UnitOfWork unitOfWork, AuditLog audit, TimeProvider time)
{
    public sealed record Request([Required] string? AgencyId, List<string>? Categories);

    public async Task<IReadOnlyList<ConsentView>> HandleAsync(Guid id, Request request, CancellationToken cancellationToken)
    {
        var errors = new ProblemErrors();
        errors.Text("agencyId", request.AgencyId, 100, ProblemCode.FieldRequired.With(ProblemLabel.Agency));
        ConsentRecords.CheckCategories(errors, "categories", request.Categories);
        errors.ThrowIfAny();

        var referral = await access.GetVisibleAsync(id, cancellationToken, track: true);
        await RecordConsent.EnsureMayRecordAsync(access, referral, cancellationToken);
        var agency = request.AgencyId!.Trim();
        var categories = request.Categories is { Count: > 0 } given ? ConsentRecords.Categories(given) : ConsentCategories.All;
        var live = referral.Consents.Where(c => c.WithdrawnAt is null && c.AgencyId == agency && categories.Contains(c.Category)).ToList();
        if (live.Count == 0)
        {
            throw ApiException.NotFound(ProblemCode.ConsentNotFound);
        }

        var now = time.GetUtcNow();
        await unitOfWork.ExecuteAsync(_ =>
        {
            foreach (var consent in live)
            {
                consent.WithdrawnAt = now;
                consent.WithdrawnBy = user.Id;
            }

            var withdrawn = live.Select(c => c.Category).Distinct(StringComparer.Ordinal).Cast<object?>().ToList();
            journal.AppendTimeline(referral.InstanceId, now, ConsentTimelineTypes.Withdrawn, null, null, user.Id.ToString(), VariableJson.ToJson(new Dictionary<string, object?>()
            {
                ["agencies"] = new List<object?> { agency },
                ["categories"] = withdrawn,
            }));
            audit.Record(AuditActions.ConsentWithdrawn, referral.Id, $"{agency}: {string.Join(",", withdrawn)}");
            return Task.CompletedTask;
        }, cancellationToken);

        return await ListConsents.ViewAsync(access, db, referral, cancellationToken);
    }
}
