using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Transfers;

/// <summary>
/// What a transfer leaves behind, in the use case's unit of work: an audit entry in each district's log (codes, ids and
/// before/after, never the note), a timeline entry on the case, and the outbox mails — the referral's number, the two
/// districts and a link to <c>/transfers</c>, nothing else.
/// </summary>
public sealed class TransferRecords(AuditLog audit, WorkflowJournal journal, CurrentUser user, TimeProvider time)
{
    public const string RequestedTemplate = "transfer-requested";
    public const string AcceptedTemplate = "transfer-accepted";
    public const string DeclinedTemplate = "transfer-declined";
    public const string RequestedEvent = "transfer-requested";
    public const string TransferredEvent = "referral-transferred";
    public const string DeclinedEvent = "transfer-declined";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>One entry per district, so each district's administrator reads it in their own log.</summary>
    public void Audit(string action, ReferralTransfer transfer, object detail)
    {
        var json = JsonSerializer.Serialize(detail, Json);
        audit.Record(action, transfer.ReferralId, json, transfer.FromDistrict);
        audit.Record(action, transfer.ReferralId, json, transfer.ToDistrict);
    }

    public void Timeline(Referral referral, string type, object data) =>
        journal.AppendTimeline(referral.InstanceId, time.GetUtcNow(), type, actor: user.Id.ToString(), dataJson: JsonSerializer.Serialize(data, Json));

    /// <summary>Queues one mail; <paramref name="to"/> is a recipient expression (<c>hub:관악구</c>, <c>agency:…</c>).</summary>
    public void Mail(Referral referral, ReferralTransfer transfer, string template, string to) =>
        journal.EnqueueMessage(new OutboxMessageRequest(
            referral.InstanceId, template, RecipientResolver.TransferType, to, template, $"{template}:{transfer.Id:N}:{to}",
            JsonSerializer.Serialize(new { referralNumber = referral.Number, fromDistrict = transfer.FromDistrict, toDistrict = transfer.ToDistrict, link = "/transfers" }, Json)),
            time.GetUtcNow());
}

/// <summary>Audit action names of transfers between districts.</summary>
public static class TransferActions
{
    public const string Requested = "referral.transfer-requested";
    public const string Accepted = "referral.transfer-accepted";
    public const string Declined = "referral.transfer-declined";
}
