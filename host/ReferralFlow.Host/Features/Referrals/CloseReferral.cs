using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>
/// <c>POST /api/referrals/{id}/close</c>: the public case owner (or the district hub) closes the referral with an outcome
/// code (<see cref="ClosingOutcomes"/>) and optional free text that stays in the system — public responsibility ends only
/// here. The closing reply carries the code's label, never the free text. Steps still open need a reason each and are cancelled with the workflow. The
/// closing reply to the referring agency (outbox) and the timeline entry commit with the close. The referral becomes
/// <c>completed</c> when its workflow ran to the end, <c>cancelled</c> otherwise. Needs the version (If-Match or body).
/// </summary>
public sealed class CloseReferral(
    ReferralAccess access,
    CurrentUser user,
    ReferralFlowDbContext db,
    WorkflowReadModel workflow,
    WorkTaskStore tasks,
    WorkflowJournal journal,
    WorkflowRuntime runtime,
    UnitOfWork unitOfWork,
    ReferralViews views,
    AuditLog audit,
    TimeProvider time)
{
    public const string ClosedEventType = "referral-closed";
    public const string ReplyType = "referral-reply";

    // Korean text stays readable in the stored JSON (audit detail, timeline, outbox data).
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>
    /// <c>OutcomeCode</c> is one of <see cref="ClosingOutcomes.Codes"/>; <c>Outcome</c> is an optional note kept in the
    /// system only (shown to callers who may see personal data, never sent by email).
    /// </summary>
    public sealed record Request([Required] string? OutcomeCode, string? Outcome, Dictionary<string, string>? Reasons, int? Version);

    /// <summary>The closed referral; <c>request.Version</c> is the version the caller read (the endpoint puts <c>If-Match</c> there).</summary>
    public async Task<ReferralResponse> HandleAsync(Guid id, Request request, CancellationToken cancellationToken)
    {
        var referral = await access.GetVisibleAsync(id, cancellationToken, track: true);
        if (!access.IsCaseOwner(referral))
        {
            throw ApiException.Forbidden(ProblemCode.CloseForbidden);
        }

        var expected = ReferralVersion.Required(request.Version);
        if (referral.ClosedAt is not null)
        {
            throw ApiException.Conflict(ProblemCode.ReferralClosed, new Dictionary<string, object?> { ["currentVersion"] = referral.Revision });
        }

        if (expected != referral.Revision)
        {
            throw ReferralVersion.Stale(referral.Revision);
        }

        var instance = await workflow.Instances.Where(i => i.Id == referral.InstanceId)
            .Select(i => new { i.Status, i.Revision }).SingleAsync(cancellationToken);
        var openTasks = await workflow.Tasks
            .Where(t => t.InstanceId == referral.InstanceId && t.Status == WorkTaskStatus.Open)
            .OrderBy(t => t.TaskId).Select(t => t.TaskId).ToListAsync(cancellationToken);
        var reasons = Validate(request, openTasks);

        var now = time.GetUtcNow();
        var running = instance.Status == InstanceStatus.Running;
        var status = instance.Status is InstanceStatus.Completed or InstanceStatus.Terminated ? ReferralStatus.Completed : ReferralStatus.Cancelled;
        var code = request.OutcomeCode!.Trim();
        var outcome = string.IsNullOrWhiteSpace(request.Outcome) ? null : request.Outcome.Trim();
        await unitOfWork.ExecuteAsync(async ct =>
        {
            if (running)
            {
                // The instance revision read above makes a step created or completed meanwhile a 409, not an unexplained cancel.
                try
                {
                    await runtime.CancelAsync(referral.InstanceId, "referral closed", instance.Revision, ct);
                }
                catch (ConcurrencyConflictException)
                {
                    throw ApiException.Conflict(ProblemCode.StepsChanged, new Dictionary<string, object?> { ["currentVersion"] = referral.Revision });
                }

                await tasks.SetCancelReasonsAsync(referral.InstanceId, reasons, ct);
            }

            AddReply(journal, referral, status, code, outcome, reasons, user, now);
            await tasks.SaveAsync(ct);

            referral.Status = status;
            referral.ClosedAt = now;
            referral.ClosingOutcome = outcome;
            referral.ClosingOutcomeCode = code;
            referral.Revision++;
            // The free-text reasons stay on the steps and the timeline (anonymised with the case); the audit log is kept
            // longer and names only which steps were cancelled.
            audit.Record(AuditActions.ReferralClosed, referral.Id,
                JsonSerializer.Serialize(new { status = Camel(status), outcomeCode = code, cancelledSteps = reasons.Keys.Order().ToList() }, Json));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // A lost update is 0 rows changed, not a failed statement, so the transaction can still be read.
                var current = await db.Referrals.AsNoTracking().Where(r => r.Id == referral.Id).Select(r => r.Revision).SingleAsync(ct);
                throw ReferralVersion.Stale(current);
            }
        }, cancellationToken);

        return await views.BuildAsync(referral, cancellationToken);
    }

    private static Dictionary<int, string> Validate(Request request, List<int> openTasks)
    {
        var errors = new ProblemErrors();
        errors.Text("outcomeCode", request.OutcomeCode, 40, ProblemCode.ClosingOutcomeRequired);
        if (!string.IsNullOrWhiteSpace(request.OutcomeCode) && !ClosingOutcomes.IsKnown(request.OutcomeCode.Trim()))
        {
            errors.Add("outcomeCode", ProblemCode.ValueNotAllowed, string.Join(", ", ClosingOutcomes.Codes));
        }

        errors.Text("outcome", request.Outcome, 2000);
        var given = new Dictionary<int, string>();
        foreach (var (key, reason) in request.Reasons ?? [])
        {
            if (int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var taskId) && openTasks.Contains(taskId))
            {
                errors.Text($"reasons.{key}", reason, 1000);
                if (!string.IsNullOrWhiteSpace(reason))
                {
                    given[taskId] = reason.Trim();
                }
            }
        }

        foreach (var taskId in openTasks.Where(t => !given.ContainsKey(t)))
        {
            errors.Add($"reasons.{taskId}", ProblemCode.StepReasonRequired, taskId);
        }

        errors.ThrowIfAny();
        return given;
    }

    /// <summary>The closed loop: the reply to the referring agency (sent by the outbox dispatcher) and the timeline entry.</summary>
    private static void AddReply(
        WorkflowJournal journal, Referral referral, ReferralStatus status, string code, string? outcome, Dictionary<int, string> reasons,
        CurrentUser user, DateTimeOffset now)
    {
        journal.EnqueueMessage(new OutboxMessageRequest(
            referral.InstanceId, ClosedEventType, ReplyType, $"agency:{referral.ReferringAgencyId}", ReplyType, $"{ReplyType}:{referral.Id}",
            // Only the code: the outbox data becomes an email, and the free text may name the household.
            JsonSerializer.Serialize(new { referralId = referral.Id, referralNumber = referral.Number, status = Camel(status), outcomeCode = code }, Json)), now);
        journal.AppendTimeline(referral.InstanceId, now, ClosedEventType, actor: user.Id.ToString(), dataJson: JsonSerializer.Serialize(new
        {
            status = Camel(status),
            outcomeCode = code,
            outcome,
            reasons = reasons.ToDictionary(r => r.Key.ToString(CultureInfo.InvariantCulture), r => r.Value),
        }, Json));
    }

    private static string Camel(ReferralStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());
}
