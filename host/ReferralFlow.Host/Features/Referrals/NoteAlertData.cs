using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Notifications;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>A note alert's data, read when it is sent: the referral's number and dong and the step it is about — never the note.</summary>
internal sealed class NoteAlertData(ReferralFlowDbContext db, WorkflowReadModel workflow) : IMessageDataSource
{
    public bool Handles(string? template) => template == NoteAlerts.Template;

    public async Task<string> DataAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        var data = (message.DataJson is null ? null : JsonNode.Parse(message.DataJson) as JsonObject) ?? [];
        var referral = await StepAlertData.ReferralAsync(db, message.InstanceId, cancellationToken)
            ?? throw new MailDeliveryException("The referral no longer exists.", permanent: true);
        var taskRowId = Guid.TryParse((string?)data["taskRowId"], out var id) ? id : Guid.Empty;
        var step = await workflow.Tasks.Where(t => t.Id == taskRowId).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken);
        return new JsonObject
        {
            ["referralId"] = referral.Id,
            ["referralNumber"] = referral.Number,
            ["dong"] = referral.Dong,
            ["stepName"] = step,
        }.ToJsonString();
    }
}
