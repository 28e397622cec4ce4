using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Parsing;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// Parsed definitions by version id. A published version is immutable, so each is parsed once per process and shared
/// by every thread; nothing re-parses XML on the hot path. Register as a singleton.
/// </summary>
public sealed class DefinitionCache
{
    private readonly ConcurrentDictionary<Guid, Lazy<WorkflowDefinition>> _definitions = new();
    private readonly ConcurrentDictionary<Guid, string> _districts = new();

    /// <summary>How many versions are cached.</summary>
    public int Count => _definitions.Count;

    /// <summary>Gets a cached definition.</summary>
    public bool TryGet(Guid versionId, out WorkflowDefinition definition)
    {
        if (_definitions.TryGetValue(versionId, out var lazy))
        {
            definition = lazy.Value;
            return true;
        }

        definition = null!;
        return false;
    }

    /// <summary>Gets the definition of a version, parsing <paramref name="xml"/> only if no thread has parsed it yet.</summary>
    /// <param name="versionId">The published version.</param>
    /// <param name="xml">Its XML.</param>
    /// <exception cref="DefinitionInvalidException">The stored XML does not parse into a valid definition.</exception>
    public WorkflowDefinition GetOrParse(Guid versionId, string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var lazy = _definitions.GetOrAdd(versionId, _ => new Lazy<WorkflowDefinition>(() => Parse(versionId, xml)));
        try
        {
            return lazy.Value;
        }
        catch (DefinitionInvalidException)
        {
            // Do not pin the failure: a fixed parser (after an upgrade) gets another chance on the next call.
            _definitions.TryRemove(new KeyValuePair<Guid, Lazy<WorkflowDefinition>>(versionId, lazy));
            throw;
        }
    }

    /// <summary>The definition of a published version: from the cache, or read from <paramref name="db"/> and parsed once.</summary>
    /// <exception cref="WorkflowNotFoundException">No such version.</exception>
    /// <exception cref="DefinitionInvalidException">The stored XML does not parse into a valid definition.</exception>
    public async Task<WorkflowDefinition> GetAsync(WorkflowDbContext db, Guid versionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (TryGet(versionId, out var cached))
        {
            return cached;
        }

        var xml = await db.Versions.AsNoTracking().Where(v => v.Id == versionId).Select(v => v.Xml).SingleOrDefaultAsync(cancellationToken)
            ?? throw new WorkflowNotFoundException($"No workflow version {versionId}.");
        return GetOrParse(versionId, xml);
    }

    /// <summary>The district that owns a published version's workflow: read once per version and process, it never changes.</summary>
    /// <exception cref="WorkflowNotFoundException">No such version.</exception>
    public async Task<string> GetDistrictAsync(WorkflowDbContext db, Guid versionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_districts.TryGetValue(versionId, out var cached))
        {
            return cached;
        }

        var district = await (from v in db.Versions.AsNoTracking()
                              join d in db.Definitions.AsNoTracking() on v.DefinitionId equals d.Id
                              where v.Id == versionId
                              select d.District).SingleOrDefaultAsync(cancellationToken)
            ?? throw new WorkflowNotFoundException($"No workflow version {versionId}.");
        return _districts.GetOrAdd(versionId, district);
    }

    /// <summary>Adds an already parsed definition (e.g. right after publishing it).</summary>
    public void Add(Guid versionId, WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _definitions.TryAdd(versionId, new Lazy<WorkflowDefinition>(definition));
    }

    private static WorkflowDefinition Parse(Guid versionId, string xml)
    {
        var result = BpmnParser.Parse(xml);
        return result.IsValid
            ? result.Definition!
            : throw new DefinitionInvalidException($"Workflow version {versionId} does not parse into a valid definition.", result.Issues);
    }
}
