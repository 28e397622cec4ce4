using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Notifications;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// The data of a step alert, read when it is sent: the referral's number and dong, the step's name and deadline — no
/// household data, nothing typed by a worker.
/// </summary>
internal sealed class StepAlertData(ReferralFlowDbContext db, WorkflowReadModel workflow) : IMessageDataSource
{
    public bool Handles(string? template) => template is StepAlertPlanner.StepCreated or StepAlertPlanner.ConsentNeeded or AssignmentAlerts.TaskAssigned;

    public async Task<string> DataAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        var data = (message.DataJson is null ? null : JsonNode.Parse(message.DataJson) as JsonObject) ?? [];
        var taskRowId = Guid.TryParse((string?)data["taskRowId"], out var id) ? id : Guid.Empty;
        var task = await workflow.Tasks.Where(t => t.Id == taskRowId).Select(t => new { t.Name, t.DueAt }).SingleOrDefaultAsync(cancellationToken);
        var referral = await ReferralAsync(db, message.InstanceId, cancellationToken);
        if (task is null || referral is null)
        {
            throw new MailDeliveryException("The step or its referral no longer exists.", permanent: true);
        }

        data["referralId"] = referral.Id;
        data["referralNumber"] = referral.Number;
        data["dong"] = referral.Dong;
        data["stepName"] = task.Name;
        data["dueAt"] = task.DueAt;
        return data.ToJsonString();
    }

    /// <summary>What an alert names of its referral: the id (for the link), number and dong — never household data.</summary>
    internal static Task<AlertReferral?> ReferralAsync(ReferralFlowDbContext db, Guid? instanceId, CancellationToken cancellationToken) =>
        db.Referrals.AsNoTracking().Where(r => r.InstanceId == instanceId)
            .Select(r => new AlertReferral(r.Id, r.Number, r.Dong)).SingleOrDefaultAsync(cancellationToken);
}

/// <summary>A referral as alerts name it.</summary>
internal sealed record AlertReferral(Guid Id, string Number, string? Dong);
