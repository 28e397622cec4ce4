using System.Text.Json;
using ReferralFlow.Host.Data;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Administration;

/// <summary>
/// The outbox messages district administration queues through the engine's <see cref="WorkflowJournal"/> (sent by the
/// outbox dispatcher with the use case's unit of work): a one-time link's mail (a platform message, no referral), and the
/// notice to an agency's supervisors that a leaving worker's step is back in the queue.
/// </summary>
public sealed class AdminMessages(WorkflowJournal journal, TimeProvider time)
{
    public const string InvitationTemplate = "invitation";
    public const string PasswordResetTemplate = "password-reset";
    public const string TaskReturnedTemplate = "task-returned-to-queue";

    /// <summary>
    /// The mail of a one-time link: it names only the invitation; the link itself is made when the mail is sent
    /// (<see cref="Invitations.InvitationMailData"/>), so no token rests in the outbox.
    /// </summary>
    public void Invitation(UserInvitation invitation)
    {
        var template = invitation.Purpose == InvitationPurpose.Invite ? InvitationTemplate : PasswordResetTemplate;
        journal.EnqueuePlatformMessage(
            new PlatformMessageRequest(template, "account", $"user:{invitation.UserId}", template, $"invitation:{invitation.Id:N}",
                JsonSerializer.Serialize(new { invitationId = invitation.Id })),
            time.GetUtcNow());
    }

    /// <summary>Tells the agency's supervisors that a step a worker had claimed is back in the queue (no free text).</summary>
    public void TaskReturned(WorkTaskRecord task, Guid? referralId, string? referralNumber) =>
        journal.EnqueueMessage(
            new OutboxMessageRequest(task.InstanceId, task.NodeId, "handover", $"supervisors:{task.AgencyId}", TaskReturnedTemplate,
                $"handover:{task.Id:N}:{task.Revision}",
                JsonSerializer.Serialize(new { referralId, referralNumber, taskRowId = task.Id, stepName = task.Name, agencyId = task.AgencyId })),
            time.GetUtcNow());
}
