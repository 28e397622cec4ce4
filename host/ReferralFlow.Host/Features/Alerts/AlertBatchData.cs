using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>
/// The lines of an <c>alert-batch</c> mail, read when it is sent with a few set-based queries: per alert its kind, the
/// referral's number and dong, the step's name, deadline and agency (a note: its referral, and its step if it names one).
/// Alerts whose step or referral is gone are left out.
/// </summary>
internal sealed class AlertBatchData(ReferralFlowDbContext db, WorkflowReadModel workflow) : IMessageDataSource
{
    public bool Handles(string? template) => template == AlertMailer.Batch;

    public async Task<string> DataAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        var data = (message.DataJson is null ? null : JsonNode.Parse(message.DataJson) as JsonObject) ?? [];
        var items = (data["items"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var taskIds = items.Select(i => Guid.TryParse((string?)i["taskRowId"], out var t) ? t : Guid.Empty).Distinct().ToList();
        var instanceIds = items.Select(i => Guid.TryParse((string?)i["instanceId"], out var t) ? t : Guid.Empty).Distinct().ToList();
        var tasks = await workflow.Tasks.Where(t => taskIds.Contains(t.Id)).Select(t => new { t.Id, t.Name, t.DueAt, t.AgencyId })
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        var referrals = await db.Referrals.AsNoTracking().Where(r => instanceIds.Contains(r.InstanceId))
            .Select(r => new { r.InstanceId, r.Id, r.Number, r.Dong }).ToDictionaryAsync(r => r.InstanceId, cancellationToken);
        var lines = new JsonArray();
        var agencyIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var extra = (string?)item["data"] is { } json ? JsonNode.Parse(json) as JsonObject : null;
            if ((string?)item["kind"] == nameof(NotificationKind.Note)
                && Guid.TryParse((string?)item["instanceId"], out var noted) && referrals.TryGetValue(noted, out var about))
            {
                // A note: its referral (and the step it is about, if any); never its text.
                var step = Guid.TryParse((string?)item["taskRowId"], out var stepId) ? tasks.GetValueOrDefault(stepId) : null;
                lines.Add(new JsonObject
                {
                    ["kind"] = nameof(NotificationKind.Note),
                    ["referralId"] = about.Id,
                    ["referralNumber"] = about.Number,
                    ["dong"] = about.Dong,
                    ["stepName"] = step?.Name,
                });
                continue;
            }

            if (!Guid.TryParse((string?)item["taskRowId"], out var taskId) || !tasks.TryGetValue(taskId, out var task)
                || !Guid.TryParse((string?)item["instanceId"], out var instanceId) || !referrals.TryGetValue(instanceId, out var referral))
            {
                continue;
            }

            var agency = (string?)extra?["agencyId"] ?? task.AgencyId;
            if (agency is not null)
            {
                agencyIds.Add(agency);
            }

            lines.Add(new JsonObject
            {
                ["kind"] = (string?)item["kind"],
                ["taskRowId"] = task.Id,
                ["referralId"] = referral.Id,
                ["referralNumber"] = referral.Number,
                ["dong"] = referral.Dong,
                ["stepName"] = task.Name,
                ["dueAt"] = task.DueAt,
                ["agencyId"] = agency,
            });
        }

        var names = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        foreach (var line in lines.OfType<JsonObject>())
        {
            line["agencyName"] = (string?)line["agencyId"] is { } agency ? names.GetValueOrDefault(agency) : null;
        }

        return JsonSerializer.Serialize(new { total = (int?)data["total"] ?? lines.Count, items = lines });
    }
}
