using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary><c>GET /api/workflows/{key}/versions</c>: the published versions, newest first.</summary>
internal static class ListVersions
{
    public sealed record Item(int Version, DateTimeOffset PublishedAt, string PublishedBy);

    public static async Task<IReadOnlyList<Item>> HandleAsync(string key, WorkflowDbContext db, CancellationToken cancellationToken)
    {
        var definitionId = await db.Definitions.AsNoTracking().Where(d => d.Key == key).Select(d => (Guid?)d.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw ApiException.NotFound($"No workflow has the key '{key}'.");
        return await db.Versions.AsNoTracking().Where(v => v.DefinitionId == definitionId)
            .OrderByDescending(v => v.Version)
            .Select(v => new Item(v.Version, v.PublishedAt, v.PublishedBy))
            .ToListAsync(cancellationToken);
    }
}
