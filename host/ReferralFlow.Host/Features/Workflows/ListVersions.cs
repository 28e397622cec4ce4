using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary><c>GET /api/workflows/{key}/versions</c>: the published versions of the caller's district's workflow, newest first.</summary>
internal static class ListVersions
{
    public sealed record Item(int Version, DateTimeOffset PublishedAt, string PublishedBy);

    public static async Task<IReadOnlyList<Item>> HandleAsync(string key, string? district, WorkflowDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        var owner = WorkflowDistrict.Resolve(user, district, key);
        var definitionId = await db.Definitions.AsNoTracking().Where(d => d.District == owner && d.Key == key).Select(d => (Guid?)d.Id)
            .SingleOrDefaultAsync(cancellationToken) ?? throw WorkflowDistrict.NotFound(key);
        return await db.Versions.AsNoTracking().Where(v => v.DefinitionId == definitionId)
            .OrderByDescending(v => v.Version)
            .Select(v => new Item(v.Version, v.PublishedAt, v.PublishedBy))
            .ToListAsync(cancellationToken);
    }
}
