using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Features.CaseViews;

/// <summary>Read-model helpers the referral and task views share: user names of ids as task rows store them, stored outcomes.</summary>
public static class CaseRows
{
    /// <summary>Display names of users by id (assignees and timeline actors are user ids as strings).</summary>
    public static async Task<Dictionary<Guid, string>> UserNamesAsync(ReferralFlowDbContext db, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Select(id => Guid.TryParse(id, out var g) ? g : (Guid?)null).OfType<Guid>().Distinct().ToList();
        return wanted.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    public static UserRef? UserRef(string? id, Dictionary<Guid, string> names) =>
        Guid.TryParse(id, out var guid) ? new UserRef(guid, names.GetValueOrDefault(guid, "")) : null;

    public static JsonElement? ParseObject(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
