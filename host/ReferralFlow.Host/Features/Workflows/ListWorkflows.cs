using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// <c>GET /api/workflows</c>: the caller's district's workflows with their latest published version (null before the first
/// publish), the draft revision and the last change; <c>?published=true</c> lists only workflows a referral can start.
/// System administrators see every district's (or one, with <c>?district=</c>). By district and key, <see cref="Paging">paged</see>.
/// </summary>
internal sealed class ListWorkflows(WorkflowReadModel db, CurrentUser user)
{
    public sealed record Item(string Key, string Name, string District, int? LatestVersion, DateTimeOffset? PublishedAt, int DraftRevision, DateTimeOffset UpdatedAt);

    public async Task<Page<Item>> HandleAsync(bool? published, string? district, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit);
        var after = Paging.Read(cursor, 2) is { } key ? (District: key.Text(0), Key: key.Text(1)) : default((string District, string Key)?);
        var definitions = db.Definitions;
        if (!user.IsSystemAdmin || !string.IsNullOrWhiteSpace(district))
        {
            var owner = WorkflowDistrict.Resolve(user, district, key: null);
            definitions = definitions.Where(d => d.District == owner);
        }

        if (published == true)
        {
            definitions = definitions.Where(d => d.LatestVersion > 0);
        }

        var rows = await (
            from d in definitions
            select new
            {
                d.Key,
                d.Name,
                d.District,
                d.LatestVersion,
                PublishedAt = db.Versions.Where(v => v.DefinitionId == d.Id && v.Version == d.LatestVersion)
                    .Select(v => (DateTimeOffset?)v.PublishedAt).FirstOrDefault(),
                d.DraftRevision,
                d.UpdatedAt,
            }).ToListAsync(cancellationToken);
        List<Item> items = [.. rows.OrderBy(r => r.District, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new Item(r.Key, r.Name, r.District, r.LatestVersion == 0 ? null : r.LatestVersion, r.PublishedAt, r.DraftRevision, r.UpdatedAt))];
        return Paging.Slice(
            items,
            size,
            after is not { } from ? null : i => string.CompareOrdinal(i.District, from.District) is var d && (d > 0 || (d == 0 && string.CompareOrdinal(i.Key, from.Key) > 0)),
            i => Paging.Cursor(i.District, i.Key));
    }
}
