using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Escalation;

/// <summary>
/// Puts each escalation level in the bell of every active worker its messages go to — the assignee, the agency's workers
/// for its queue, its supervisors (its workers when it has none), the case owner, the district hub's workers, the
/// referrer — whatever they chose for email (an entry is how nobody loses a level). Called by the sweep with the
/// messages of a batch once its save went through, so a batch redone after a conflict adds its entries once; the rows
/// are saved with the batch's transaction.
/// </summary>
public sealed class EscalationBell(ReferralFlowDbContext db, BellEntries bell)
{
    public async Task AddAsync(IReadOnlyList<OutboxMessageRequest> messages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        bell.ForgetSaved();
        if (messages.Count == 0)
        {
            return;
        }

        var addresses = messages.Select(m => Split(m.To)).ToList();
        var hubs = await bell.HubsAsync([.. addresses.Where(a => a.Kind == "hub").Select(a => a.Value).Distinct()], cancellationToken);
        var agencies = addresses.Where(a => a.Kind is "agency" or "supervisors").Select(a => a.Value).Concat(hubs.Values.SelectMany(h => h)).Distinct().ToList();
        var workers = await bell.WorkersAsync(agencies, cancellationToken);
        var supervisors = await SupervisorsAsync([.. addresses.Where(a => a.Kind == "supervisors").Select(a => a.Value).Distinct()], cancellationToken);
        var named = addresses.Where(a => a.Kind == "user").Select(a => Guid.TryParse(a.Value, out var id) ? id : Guid.Empty).ToList();
        var active = (await db.Users.AsNoTracking().Where(u => named.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();

        IEnumerable<Guid> Concerned((string Kind, string Value) address) => address.Kind switch
        {
            "user" when Guid.TryParse(address.Value, out var id) && active.Contains(id) => [id],
            "agency" => workers.GetValueOrDefault(address.Value) ?? [],
            "supervisors" => supervisors.GetValueOrDefault(address.Value) ?? workers.GetValueOrDefault(address.Value) ?? [],
            "hub" => (hubs.GetValueOrDefault(address.Value) ?? []).SelectMany(h => workers.GetValueOrDefault(h) ?? []),
            _ => [],
        };

        // A level goes to several addresses (owner and hub); a worker reached by two of them gets one entry.
        foreach (var level in messages.Zip(addresses).GroupBy(m => (m.First.InstanceId, Level(m.First.DataJson))))
        {
            var taskRowId = TaskRowId(level.First().First.DataJson);
            bell.Add(level.SelectMany(m => Concerned(m.Second)), NotificationKind.Escalation, level.Key.InstanceId, taskRowId, now);
        }
    }

    // The agencies' supervisors (as RecipientResolver finds them); an agency without one is absent, so its workers hear of it.
    private async Task<Dictionary<string, List<Guid>>> SupervisorsAsync(IReadOnlyCollection<string> agencyIds, CancellationToken cancellationToken)
    {
        if (agencyIds.Count == 0)
        {
            return [];
        }

        var rows = await (from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where agencyIds.Contains(u.AgencyId) && r.Name == Roles.Supervisor && u.IsActive
                          select new { u.Id, u.AgencyId }).ToListAsync(cancellationToken);
        return rows.GroupBy(u => u.AgencyId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(u => u.Id).Distinct().ToList(), StringComparer.Ordinal);
    }

    private static (string Kind, string Value) Split(string? to)
    {
        var colon = to?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon < 0 ? (to ?? "", "") : (to![..colon], to[(colon + 1)..]);
    }

    private static string Level(string? dataJson) => Read(dataJson, "taskRowId") + ":" + Read(dataJson, "level");

    private static Guid? TaskRowId(string? dataJson) => Guid.TryParse(Read(dataJson, "taskRowId"), out var id) ? id : null;

    private static string Read(string? dataJson, string name)
    {
        if (dataJson is null)
        {
            return "";
        }

        using var document = JsonDocument.Parse(dataJson);
        return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : "";
    }
}
