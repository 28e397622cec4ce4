using Microsoft.EntityFrameworkCore;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>Gives definitions stored before districts owned workflows an owner: the district itself, or a copy per further district.</summary>
public sealed class DefinitionDistricts(WorkflowDbContext db)
{
    private const int Chunk = 500;

    /// <summary>Moves the definition to <paramref name="district"/>; saved with the caller's unit of work (or the next copy).</summary>
    /// <param name="definitionId">The definition.</param>
    /// <param name="district">Its owner from now on.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async Task AssignAsync(Guid definitionId, string district, CancellationToken cancellationToken = default)
    {
        var definition = await db.Definitions.SingleAsync(d => d.Id == definitionId, cancellationToken);
        definition.District = district;
    }

    /// <summary>
    /// Copies the definition with all its versions into <paramref name="district"/>, and moves the given instances from the
    /// original versions onto the copy's identical ones. Runs inside the caller's transaction.
    /// </summary>
    /// <param name="definitionId">The original definition.</param>
    /// <param name="district">The district that gets the copy.</param>
    /// <param name="instanceIds">The instances that belong to that district.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    public async Task CopyToDistrictAsync(Guid definitionId, string district, IReadOnlyCollection<Guid> instanceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        var original = await db.Definitions.SingleAsync(d => d.Id == definitionId, cancellationToken);
        var versions = await db.Versions.AsNoTracking().Where(v => v.DefinitionId == definitionId).ToListAsync(cancellationToken);
        var copy = new WorkflowDefinitionRecord
        {
            Id = Guid.CreateVersion7(original.CreatedAt),
            District = district,
            Key = original.Key,
            Name = original.Name,
            DraftXml = original.DraftXml,
            DraftRevision = original.DraftRevision,
            LatestVersion = original.LatestVersion,
            CreatedAt = original.CreatedAt,
            UpdatedAt = original.UpdatedAt,
        };
        db.Definitions.Add(copy);
        var moved = versions.ToDictionary(v => v.Id, v => new WorkflowVersionRecord
        {
            Id = Guid.CreateVersion7(v.PublishedAt),
            DefinitionId = copy.Id,
            Version = v.Version,
            Xml = v.Xml,
            PublishedAt = v.PublishedAt,
            PublishedBy = v.PublishedBy,
        });
        db.Versions.AddRange(moved.Values);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var chunk in instanceIds.Chunk(Chunk))
        {
            foreach (var (from, to) in moved)
            {
                var target = to.Id;
                await db.Instances.Where(i => chunk.Contains(i.Id) && i.VersionId == from)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.VersionId, target), cancellationToken);
            }
        }
    }
}
