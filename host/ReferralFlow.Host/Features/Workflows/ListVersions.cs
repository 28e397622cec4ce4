using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// <c>GET /api/workflows/{key}/versions</c>: the published versions of the caller's district's workflow, newest first,
/// <see cref="Paging">paged</see>.
/// </summary>
internal sealed class ListVersions(WorkflowReadModel db, CurrentUser user)
{
    public sealed record Item(int Version, DateTimeOffset PublishedAt, string PublishedBy);

    public async Task<Page<Item>> HandleAsync(string key, string? district, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit);
        var after = Paging.Read(cursor, 1)?.Int(0);
        var owner = WorkflowDistrict.Resolve(user, district, key);
        var definitionId = await db.Definitions.Where(d => d.District == owner && d.Key == key).Select(d => (Guid?)d.Id)
            .SingleOrDefaultAsync(cancellationToken) ?? throw WorkflowDistrict.NotFound(key);
        var versions = db.Versions.Where(v => v.DefinitionId == definitionId);
        var total = await versions.CountAsync(cancellationToken);
        var rows = await versions.Where(v => after == null || v.Version < after)
            .OrderByDescending(v => v.Version)
            .Select(v => new Item(v.Version, v.PublishedAt, v.PublishedBy))
            .Take(size + 1)
            .ToListAsync(cancellationToken);
        return Paging.Of(rows, size, v => Paging.Cursor(v.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), total);
    }
}
