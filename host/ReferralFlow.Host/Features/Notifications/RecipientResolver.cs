using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Host.Features.Workflows;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Persistence;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Host.Features.Notifications;

/// <summary>
/// A resolved mailbox with the language its owner reads, and whose it is (<c>user:{id}</c> or <c>mailbox:{agency}</c>)
/// when the platform knows: that owner's notification choices apply to it.
/// </summary>
public sealed record Mailbox(string Name, string Address, string Language, string? Owner = null);

/// <summary>
/// Resolves an outbox recipient (<c>user:</c>, <c>agency:</c>, <c>mailbox:</c>, <c>supervisors:</c>, <c>hub:</c>, <c>role:</c>,
/// <c>referrer</c>) to mailboxes: a user's own address; an agency's shared mailbox, else its active workers. A workflow's
/// send task is held to its district's rules once more before anything is sent (a workflow published before the rules, or
/// a changed allow-list): a recipient they refuse resolves to nobody and leaves a <c>message-refused</c> timeline event.
/// An escalation (and a transfer's news) reaches only the mailboxes whose owners want that kind by email at once (or
/// whose district makes escalations mandatory) — one rule for every level and recipient; when that leaves nobody, <see cref="MailNotWantedException"/>
/// says so, and the message is recorded as not mailed on purpose (the bell entries were written with the level).
/// </summary>
public sealed class RecipientResolver(
    ReferralFlowDbContext db, WorkflowReadModel workflow, WorkflowJournal journal, SendRecipientPolicy policy, AlertPreferences preferences, TimeProvider time)
{
    public const string MessageRefusedEvent = "message-refused";

    /// <summary>The outbox type of the escalation sweep's messages.</summary>
    public const string EscalationType = "escalation";

    /// <summary>The outbox type of transfer requests and decisions (<c>Features/Transfers</c>).</summary>
    public const string TransferType = "transfer";

    private RecipientDirectory? directory;
    private readonly Dictionary<NotificationKind, (HashSet<string> Asked, IReadOnlySet<string> NotMailed)> choices = [];

    /// <summary>
    /// Reads what a claimed batch needs with a fixed number of queries — its people and agencies, and each kind's
    /// email preferences for all of them — so that <see cref="ResolveAsync(OutboxMessageRecord, CancellationToken)"/>
    /// of each message asks the database only for what this missed. Replaces the previous batch's lookups.
    /// </summary>
    public async Task PrepareAsync(IReadOnlyList<OutboxMessageRecord> batch, CancellationToken cancellationToken)
    {
        directory = null;
        choices.Clear();
        directory = await RecipientDirectory.LoadAsync(db, workflow, batch, cancellationToken);
        var owners = new Dictionary<NotificationKind, HashSet<string>>();
        foreach (var message in batch)
        {
            if (PreferenceKind(message) is not { } kind || message.Type is "email" or "notify-referrer")
            {
                continue;
            }

            IReadOnlyList<Mailbox> found;
            try
            {
                found = await FoundAsync(message, cancellationToken);
            }
            catch (JsonException)
            {
                continue; // unreadable role agencies: the message fails on its own when it is sent
            }

            var set = owners.TryGetValue(kind, out var known) ? known : owners[kind] = new(StringComparer.Ordinal);
            set.UnionWith(found.Select(m => m.Owner).OfType<string>());
        }

        foreach (var (kind, set) in owners)
        {
            choices[kind] = (set, await preferences.NotMailedAsync(set, kind, cancellationToken));
        }
    }

    public async Task<IReadOnlyList<Mailbox>> ResolveAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        if (await RefusalAsync(message, cancellationToken) is { } refusal)
        {
            await RefuseAsync(message, refusal, cancellationToken);
            return [];
        }

        var found = await FoundAsync(message, cancellationToken);
        return PreferenceKind(message) is { } preference ? await WantedAsync(found, preference, cancellationToken) : found;
    }

    private async Task<IReadOnlyList<Mailbox>> FoundAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        var to = message.To switch
        {
            null when message.Type == "notify-referrer" => await ReferrerAsync(message.InstanceId, cancellationToken),
            SendRecipientRules.Referrer => await ReferrerAsync(message.InstanceId, cancellationToken),
            var other => other,
        };
        if (to is null)
        {
            return [];
        }

        var colon = to.IndexOf(':', StringComparison.Ordinal);
        var (kind, value) = colon < 0 ? (to, "") : (to[..colon], to[(colon + 1)..]);
        return await ResolveAsync(message, to, kind, value, cancellationToken);
    }

    /// <summary>The alert kind whose email preferences a message honours, if any.</summary>
    private static NotificationKind? PreferenceKind(OutboxMessageRecord message) => message.Type switch
    {
        EscalationType => NotificationKind.Escalation,
        TransferType => NotificationKind.Transfer,
        _ => null,
    };

    /// <summary>The recipient's kind (<c>user</c>, <c>agency</c>, …, or <c>referrer</c>) and value, as addressed.</summary>
    internal static (string Kind, string Value) Target(OutboxMessageRecord message)
    {
        var to = message.To ?? (message.Type == "notify-referrer" ? SendRecipientRules.Referrer : "");
        var colon = to.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (to, "") : (to[..colon], to[(colon + 1)..]);
    }

    private async Task<IReadOnlyList<Mailbox>> ResolveAsync(OutboxMessageRecord message, string to, string kind, string value, CancellationToken cancellationToken) =>
        kind switch
        {
            "user" when Guid.TryParse(value, out var id) => directory is not null && directory.TryUser(id, out var user)
                ? user is null ? [] : [user]
                : await UsersAsync(db.Users.Where(u => u.Id == id), cancellationToken),
            "agency" => await AgencyAsync(value, cancellationToken),
            "mailbox" => directory?.SharedMailbox(value) ?? await MailboxAsync(value, cancellationToken),
            "supervisors" => await SupervisorsAsync(value, cancellationToken),
            "hub" => await HubAsync(value, cancellationToken),
            "role" => await RoleAsync(message.InstanceId, value, cancellationToken),
            _ when to.Contains('@', StringComparison.Ordinal) => [new Mailbox(to, to, "ko")],
            _ => [],
        };

    private async Task<IReadOnlyList<Mailbox>> WantedAsync(IReadOnlyList<Mailbox> found, NotificationKind kind, CancellationToken cancellationToken)
    {
        var owners = found.Select(m => m.Owner).OfType<string>().ToList();
        if (owners.Count == 0)
        {
            return found;
        }

        // Each owner's answer depends on that owner alone, so the batch's one answer serves every message in it.
        var notMailed = choices.TryGetValue(kind, out var prepared) && owners.All(prepared.Asked.Contains)
            ? prepared.NotMailed
            : await preferences.NotMailedAsync(owners, kind, cancellationToken);
        var wanted = found.Where(m => m.Owner is null || !notMailed.Contains(m.Owner)).ToList();
        return wanted.Count > 0 || found.Count == 0
            ? wanted
            : throw new MailNotWantedException($"Not mailed: all {found.Count} recipient(s) chose the app or the digest for {kind.ToString().ToLowerInvariant()} alerts.");
    }

    // Only a send task's recipient comes from a diagram; the platform's own messages (escalations, replies) address people it chose.
    private async Task<string?> RefusalAsync(OutboxMessageRecord message, CancellationToken cancellationToken)
    {
        if (message.Type is not ("email" or "notify-referrer") || message.To is not { } to)
        {
            return null;
        }

        var district = await db.Referrals.AsNoTracking().Where(r => r.InstanceId == message.InstanceId).Select(r => r.District).SingleOrDefaultAsync(cancellationToken);
        return district is null
            ? "the message belongs to no referral, so no district's rules allow it"
            : (await policy.ForDistrictAsync(district, cancellationToken)).Refusal(to, roles: null);
    }

    // Saved at once: the dispatcher records each message's outcome on its own, outside any unit of work.
    private async Task RefuseAsync(OutboxMessageRecord message, string reason, CancellationToken cancellationToken)
    {
        if (message.InstanceId is not { } instanceId)
        {
            return;
        }

        journal.AppendTimeline(instanceId, time.GetUtcNow(), MessageRefusedEvent, message.NodeId, dataJson: VariableJson.ToJson(new Dictionary<string, object?>
        {
            ["type"] = message.Type,
            ["to"] = message.To,
            ["template"] = message.Template,
            ["reason"] = reason,
        }));
        await journal.SaveAsync(cancellationToken);
    }

    private async Task<string?> ReferrerAsync(Guid? instanceId, CancellationToken cancellationToken)
    {
        if (directory is not null && directory.TryReferrer(instanceId, out var known))
        {
            return known is null ? null : $"agency:{known}";
        }

        var agency = await db.Referrals.Where(r => r.InstanceId == instanceId).Select(r => r.ReferringAgencyId).SingleOrDefaultAsync(cancellationToken);
        return agency is null ? null : $"agency:{agency}";
    }

    private async Task<IReadOnlyList<Mailbox>> AgencyAsync(string agencyId, CancellationToken cancellationToken)
    {
        if (directory?.Agency(agencyId) is { } known)
        {
            return known;
        }

        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agencyId, cancellationToken);
        if (agency?.Email is { Length: > 0 } email)
        {
            return [new Mailbox(agency.Name, email, "ko", AlertPreferences.MailboxOwner(agency.Id))];
        }

        return await UsersAsync(db.Users.Where(u => u.AgencyId == agencyId), cancellationToken);
    }

    // An agency's shared mailbox alone (alerts its workers get on their own, as each chose).
    private async Task<IReadOnlyList<Mailbox>> MailboxAsync(string agencyId, CancellationToken cancellationToken) =>
        (await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId && a.Email != null && a.Email != "").Select(a => new { a.Id, a.Name, a.Email }).ToListAsync(cancellationToken))
            .Select(a => new Mailbox(a.Name, a.Email!, "ko", AlertPreferences.MailboxOwner(a.Id))).ToList();

    private async Task<IReadOnlyList<Mailbox>> SupervisorsAsync(string agencyId, CancellationToken cancellationToken)
    {
        if (directory?.Supervisors(agencyId) is { } known)
        {
            return known.Count > 0 ? known : await AgencyAsync(agencyId, cancellationToken);
        }

        var supervisors = from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where u.AgencyId == agencyId && r.Name == Roles.Supervisor
                          select u;
        var found = await UsersAsync(supervisors, cancellationToken);
        return found.Count > 0 ? found : await AgencyAsync(agencyId, cancellationToken);
    }

    private async Task<IReadOnlyList<Mailbox>> HubAsync(string district, CancellationToken cancellationToken)
    {
        var hubs = directory?.Hubs(district)
            ?? await db.Agencies.AsNoTracking().Where(a => a.District == district && a.Kind == AgencyKind.DistrictHub).Select(a => a.Id).ToListAsync(cancellationToken);
        var result = new List<Mailbox>();
        foreach (var hub in hubs)
        {
            result.AddRange(await AgencyAsync(hub, cancellationToken));
        }

        return result;
    }

    private async Task<IReadOnlyList<Mailbox>> RoleAsync(Guid? instanceId, string roleKey, CancellationToken cancellationToken)
    {
        var json = directory is not null && directory.TryRoleAgenciesJson(instanceId, out var known) ? known
            : await workflow.Instances.Where(i => i.Id == instanceId).Select(i => i.RoleAgenciesJson).SingleOrDefaultAsync(cancellationToken);
        var agencies = json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        return agencies?.GetValueOrDefault(roleKey) is { } agency ? await AgencyAsync(agency, cancellationToken) : [];
    }

    private static async Task<IReadOnlyList<Mailbox>> UsersAsync(IQueryable<User> users, CancellationToken cancellationToken) =>
        (await users.Where(u => u.IsActive && u.Email != null).Select(u => new { u.Id, u.DisplayName, u.Email, u.Language }).ToListAsync(cancellationToken))
            .Select(u => new Mailbox(u.DisplayName, u.Email!, u.Language, AlertPreferences.UserOwner(u.Id))).ToList();
}
