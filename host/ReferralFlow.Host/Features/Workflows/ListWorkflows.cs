using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// <c>GET /api/workflows</c>: the caller's district's workflows with their latest published version (null before the first
/// publish), the draft revision and the last change; <c>?published=true</c> lists only workflows a referral can start.
/// System administrators see every district's (or one, with <c>?district=</c>).
/// </summary>
internal static class ListWorkflows
{
    public sealed record Item(string Key, string Name, string District, int? LatestVersion, DateTimeOffset? PublishedAt, int DraftRevision, DateTimeOffset UpdatedAt);

    public static async Task<IReadOnlyList<Item>> HandleAsync(bool? published, string? district, WorkflowDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        var definitions = db.Definitions.AsNoTracking();
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
        return [.. rows.OrderBy(r => r.District, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => new Item(r.Key, r.Name, r.District, r.LatestVersion == 0 ? null : r.LatestVersion, r.PublishedAt, r.DraftRevision, r.UpdatedAt))];
    }
}
