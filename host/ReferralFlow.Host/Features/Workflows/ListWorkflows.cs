using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// <c>GET /api/workflows</c>: every workflow with its latest published version (null before the first publish), the
/// draft revision and the last change; <c>?published=true</c> lists only workflows a referral can start. By key,
/// <see cref="Paging">paged</see>.
/// </summary>
internal static class ListWorkflows
{
    public sealed record Item(string Key, string Name, int? LatestVersion, DateTimeOffset? PublishedAt, int DraftRevision, DateTimeOffset UpdatedAt);

    public static async Task<Page<Item>> HandleAsync(bool? published, int? limit, string? cursor, WorkflowDbContext db, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit);
        var after = Paging.Read(cursor, 1)?.Text(0);
        var definitions = db.Definitions.AsNoTracking();
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
                d.LatestVersion,
                PublishedAt = db.Versions.Where(v => v.DefinitionId == d.Id && v.Version == d.LatestVersion)
                    .Select(v => (DateTimeOffset?)v.PublishedAt).FirstOrDefault(),
                d.DraftRevision,
                d.UpdatedAt,
            }).ToListAsync(cancellationToken);
        List<Item> items = [.. rows.OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new Item(r.Key, r.Name, r.LatestVersion == 0 ? null : r.LatestVersion, r.PublishedAt, r.DraftRevision, r.UpdatedAt))];
        return Paging.Slice(items, size, after is null ? null : i => string.CompareOrdinal(i.Key, after) > 0, i => Paging.Cursor(i.Key));
    }
}
