using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>
/// <c>POST /api/referrals/{id}/notes</c>: a worker of an agency that takes part in the referral and still has work in it
/// (a step not yet done, an owner's grant, or the owner side) adds a
/// note to the shared case timeline, optionally about one step (<c>taskId</c>). Handover notes keep the history when
/// officials rotate. Notes are append-only. The workers who may read it hear of it (<see cref="NoteAlerts"/>), saved with it.
/// </summary>
public sealed class AddNote(
    ReferralAccess access, CurrentUser user, ReferralFlowDbContext db, WorkflowReadModel workflow, AuditLog audit, NoteAlerts alerts, TimeProvider time)
{
    public const int MaxLength = 4000;

    public sealed record Request([Required] string? Text, int? TaskId);

    public sealed record Response(Guid Id, Guid ReferralId, int? TaskId, UserRef Author, string AgencyId, string Text, DateTimeOffset CreatedAt);

    public async Task<Response> HandleAsync(Guid id, Request request, CancellationToken cancellationToken)
    {
        var referral = await access.GetVisibleAsync(id, cancellationToken);
        // An agency whose steps are all done has left the case: it reads what it contributed but writes no more.
        if ((await access.LensAsync(referral, cancellationToken)).Until is not null)
        {
            throw ApiException.Forbidden(ProblemCode.NoteForbidden);
        }

        var errors = new ProblemErrors();
        errors.Text("text", request.Text, MaxLength, ProblemCode.FieldRequired.With(ProblemLabel.Note));
        errors.ThrowIfAny();
        if (request.TaskId is { } taskId
            && !await workflow.Tasks.AnyAsync(t => t.InstanceId == referral.InstanceId && t.TaskId == taskId, cancellationToken))
        {
            throw ApiException.Invalid("taskId", ProblemCode.StepUnknown, taskId);
        }

        var note = new ReferralNote
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            ReferralId = referral.Id,
            AuthorId = user.Id,
            AuthorName = user.DisplayName,
            AgencyId = user.AgencyId,
            TaskId = request.TaskId,
            Text = request.Text!.Trim(),
            CreatedAt = time.GetUtcNow(),
        };
        db.ReferralNotes.Add(note);
        audit.Record(AuditActions.NoteAdded, referral.Id, $"note {note.Id}");
        await alerts.AddedAsync(referral, note, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return ToResponse(note);
    }

    public static Response ToResponse(ReferralNote note) =>
        new(note.Id, note.ReferralId, note.TaskId, new UserRef(note.AuthorId, note.AuthorName), note.AgencyId, note.Text, note.CreatedAt);
}
