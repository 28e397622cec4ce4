using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>
/// <c>GET /api/referrals/{id}/timeline</c>: the shared case timeline — the engine's events (steps created, completed with
/// their outcomes, cancelled with reasons, escalations, the closing) merged with the notes, oldest first. Shared with every
/// agency that takes part and no one else (404 otherwise); internal ids are left out. <see cref="Paging">Paged</see>
/// by time (entries of the same instant in their recorded order). Audit-logged.
/// </summary>
public sealed class GetTimeline(
    ReferralAccess access, ReferralViews views, ReferralFlowDbContext db, WorkflowReadModel workflow, AuditLog audit)
{
    /// <summary>
    /// A timeline entry; <c>Type</c> is an engine event type, <c>referral-closed</c> or <c>note</c>. <c>AgencyId</c> and
    /// <c>AgencyName</c> name the agency of the person who acted (or wrote the note).
    /// </summary>
    public sealed record Entry(
        string Type, DateTimeOffset At, string? NodeId, string? StepName, int? TaskId, UserRef? Actor, string? AgencyId,
        JsonObject? Data, Guid? NoteId, string? Text, string? AgencyName = null);

    // Data keys a participant may see; ids of rows, versions and idempotency keys are internal.
    private static readonly HashSet<string> SafeKeys =
        ["role", "dueAt", "reason", "reasons", "terminated", "from", "to", "message", "type", "template", "status", "level", "fromVersion", "toVersion", "escalation", "agencies", "categories", "method", "outcomeCode"];

    private const string OutcomeKey = "outcome";

    // Field id → why its value is not shown (noHealthConsent), next to an outcome without its health values.
    private const string WithheldKey = "withheld";

    public async Task<Page<Entry>> HandleAsync(Guid id, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit);
        var after = Paging.Read(cursor, 2);
        var entries = await ReadAsync(id, cancellationToken);

        // The key of an entry is its time and its position among the entries of the same instant.
        var keyed = new List<(Entry Entry, int Same)>(entries.Count);
        foreach (var entry in entries)
        {
            keyed.Add((entry, keyed.Count > 0 && keyed[^1].Entry.At == entry.At ? keyed[^1].Same + 1 : 0));
        }

        var (at, same) = after is null ? (DateTimeOffset.MinValue, -1) : (after.Time(0), after.Int(1));
        var page = Paging.Slice(keyed, size, after is null ? null : k => k.Entry.At > at || (k.Entry.At == at && k.Same > same),
            k => Paging.Cursor(Paging.Text(k.Entry.At), k.Same.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return new Page<Entry>([.. page.Items.Select(k => k.Entry)], page.NextCursor, page.Total);
    }

    /// <summary>The whole timeline of a referral the caller may see (the referral page shows it at once), audit-logged.</summary>
    public async Task<List<Entry>> ReadAsync(Guid id, CancellationToken cancellationToken)
    {
        var referral = await access.GetVisibleAsync(id, cancellationToken);
        var lens = await access.LensAsync(referral, cancellationToken);
        var entries = await BuildAsync(referral, lens, cancellationToken);
        await audit.RecordNowAsync(AuditActions.TimelineRead, referral.Id, lens.AuditDetail(), cancellationToken);
        return entries;
    }

    // Living data (outcomes, notes) needs living consent, except what the caller's own agency wrote; an agency whose steps
    // are done sees nothing after its last step.
    private async Task<List<Entry>> BuildAsync(Referral referral, CaseLens lens, CancellationToken cancellationToken)
    {
        var me = access.AgencyId;
        var steps = await workflow.Tasks.Where(t => t.InstanceId == referral.InstanceId)
            .Select(t => new { t.TaskId, t.Name, t.AgencyId }).ToListAsync(cancellationToken);
        var taskNames = steps.ToDictionary(t => t.TaskId, t => t.Name);
        var mine = steps.Where(t => t.AgencyId == me).Select(t => t.TaskId).ToHashSet();
        var events = (await workflow.Timeline.Where(e => e.InstanceId == referral.InstanceId)
            .OrderBy(e => e.Id).ToListAsync(cancellationToken)).Where(e => lens.Covers(e.OccurredAt)).ToList();
        var notes = (await db.ReferralNotes.AsNoTracking().Where(n => n.ReferralId == referral.Id)
            .OrderBy(n => n.CreatedAt).ToListAsync(cancellationToken))
            .Where(n => n.AgencyId == me || (lens.Living && lens.Covers(n.CreatedAt))).ToList();
        var versionId = await workflow.Instances.Where(i => i.Id == referral.InstanceId).Select(i => i.VersionId).SingleAsync(cancellationToken);
        var definition = await views.DefinitionAsync(versionId, cancellationToken);
        var users = await CaseRows.UserNamesAsync(db, events.Select(e => e.Actor), cancellationToken);
        var actorAgencies = await ActorAgenciesAsync(db, events.Select(e => e.Actor), cancellationToken);
        var agencyIds = actorAgencies.Values.Concat(notes.Select(n => n.AgencyId)).Distinct().ToList();
        var agencyNames = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        string? ActorAgency(string? actor) => Guid.TryParse(actor, out var userId) ? actorAgencies.GetValueOrDefault(userId) : null;

        var engine = events.Select(e => new Entry(
            e.Type, e.OccurredAt, e.NodeId,
            e.TaskId is { } taskId && taskNames.TryGetValue(taskId, out var name) ? name
                : e.NodeId is not null && definition.TryGetNode(e.NodeId, out var node) ? node.DisplayName : null,
            e.TaskId, CaseRows.UserRef(e.Actor, users), ActorAgency(e.Actor),
            SafeData(e.DataJson, lens.Living || (e.TaskId is { } own && mine.Contains(own)), lens.Health || (e.TaskId is { } ownHealth && mine.Contains(ownHealth)), definition, e.NodeId), null, null,
            ActorAgency(e.Actor) is { } agency ? agencyNames.GetValueOrDefault(agency, agency) : null));
        var noted = notes.Select(n => new Entry(
            "note", n.CreatedAt, null, n.TaskId is { } taskId && taskNames.TryGetValue(taskId, out var name) ? name : null,
            n.TaskId, new UserRef(n.AuthorId, n.AuthorName), n.AgencyId, null, n.Id, n.Text, agencyNames.GetValueOrDefault(n.AgencyId, n.AgencyId)));

        // OrderBy is stable: engine events at the same instant keep their commit order, notes follow them.
        return engine.Concat(noted).OrderBy(e => e.At).ToList();
    }

    // The agency a person works for now: timeline rows store the acting user only.
    private static async Task<Dictionary<Guid, string>> ActorAgenciesAsync(ReferralFlowDbContext db, IEnumerable<string?> actors, CancellationToken cancellationToken)
    {
        var ids = actors.Select(a => Guid.TryParse(a, out var g) ? g : (Guid?)null).OfType<Guid>().Distinct().ToList();
        return ids.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.AgencyId, cancellationToken);
    }

    private static JsonObject? SafeData(string? json, bool personal, bool health, WorkflowDefinition definition, string? nodeId)
    {
        if (string.IsNullOrEmpty(json) || JsonNode.Parse(json) is not JsonObject data)
        {
            return null;
        }

        var safe = new JsonObject();
        foreach (var (key, value) in data)
        {
            if (SafeKeys.Contains(key))
            {
                safe[key] = value?.DeepClone();
            }
            else if (personal && key == OutcomeKey)
            {
                safe[key] = HealthFields.Redact(definition, nodeId, value, health);
                // Withheld, not blank: the reader learns which values exist and why they are not shown.
                if (!health && value is JsonObject outcome && HealthFields.Of(definition, nodeId) is { Count: > 0 } fields
                    && outcome.Select(p => p.Key).Where(fields.Contains).ToList() is { Count: > 0 } withheld)
                {
                    safe[WithheldKey] = new JsonObject(withheld.Select(k => KeyValuePair.Create(k, (JsonNode?)HealthFields.NoHealthConsent)));
                }
            }
        }

        return safe.Count == 0 ? null : safe;
    }
}
