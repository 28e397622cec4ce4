using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Parsing;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// Definition use cases: edit a draft, publish it as an immutable version, read versions. Every definition belongs to a
/// district; a key names a workflow within its district, so two districts may each have their own <c>hoarding-household</c>.
/// </summary>
/// <param name="db">The context (one per unit of work).</param>
/// <param name="cache">Parsed definitions; a freshly published version is added so the first start does not re-parse.</param>
/// <param name="time">The clock for timestamps.</param>
public sealed class DefinitionStore(WorkflowDbContext db, DefinitionCache cache, TimeProvider time)
{
    /// <summary>Creates a definition with its first draft, or replaces the draft of an existing one.</summary>
    /// <param name="district">The owning district (1–100 characters).</param>
    /// <param name="key">Workflow key (1–200 characters).</param>
    /// <param name="xml">BPMN XML; a draft may be invalid.</param>
    /// <param name="expectedRevision">The draft revision the editor started from; null to overwrite unconditionally (0 = must not exist yet).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ConcurrencyConflictException">Someone else saved the draft since <paramref name="expectedRevision"/>.</exception>
    public async Task<WorkflowDraft> SaveDraftAsync(string district, string key, string xml, int? expectedRevision, CancellationToken cancellationToken = default)
    {
        ValidateKey(district, key);
        ArgumentNullException.ThrowIfNull(xml);
        var now = time.GetUtcNow();
        var name = BpmnParser.Parse(xml).Definition?.Name;
        var definition = await db.Definitions.SingleOrDefaultAsync(d => d.District == district && d.Key == key, cancellationToken);
        var current = definition?.DraftRevision ?? 0;
        if (expectedRevision is { } expected && expected != current)
        {
            throw new ConcurrencyConflictException($"The draft of '{key}' is at revision {current}, not {expected}.", current);
        }

        if (definition is null)
        {
            definition = new WorkflowDefinitionRecord { Id = Guid.CreateVersion7(now), District = district, Key = key, Name = name ?? key, DraftXml = xml, CreatedAt = now };
            db.Definitions.Add(definition);
        }

        definition.Name = string.IsNullOrWhiteSpace(name) ? definition.Name : name;
        definition.DraftXml = xml;
        definition.DraftRevision = current + 1;
        definition.UpdatedAt = now;
        await SaveAsync(district, key, cancellationToken);
        return ToDraft(definition);
    }

    /// <summary>Gets the draft of a district's definition, or null.</summary>
    public async Task<WorkflowDraft?> GetDraftAsync(string district, string key, CancellationToken cancellationToken = default)
    {
        var definition = await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.District == district && d.Key == key, cancellationToken);
        return definition is null ? null : ToDraft(definition);
    }

    /// <summary>Validates the current draft and publishes it as the next immutable version.</summary>
    /// <param name="district">The owning district.</param>
    /// <param name="key">Workflow key.</param>
    /// <param name="publishedBy">Who publishes (recorded on the version).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new version (its <see cref="PublishedWorkflowVersion.Version"/> is 1, 2, …).</returns>
    /// <exception cref="WorkflowNotFoundException">No definition of the district has that key.</exception>
    /// <exception cref="DefinitionInvalidException">The draft has errors; nothing was published.</exception>
    /// <exception cref="ConcurrencyConflictException">The draft changed or another publish won meanwhile.</exception>
    public async Task<PublishedWorkflowVersion> PublishAsync(string district, string key, string publishedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publishedBy);
        var definition = await db.Definitions.SingleOrDefaultAsync(d => d.District == district && d.Key == key, cancellationToken)
            ?? throw new WorkflowNotFoundException($"No workflow has the key '{key}'.");
        var parsed = BpmnParser.Parse(definition.DraftXml);
        if (!parsed.IsValid)
        {
            throw new DefinitionInvalidException(
                $"The draft of '{key}' was not published: {string.Join("; ", parsed.Errors)}", parsed.Issues);
        }

        var now = time.GetUtcNow();
        var version = new WorkflowVersionRecord
        {
            Id = Guid.CreateVersion7(now),
            DefinitionId = definition.Id,
            Version = definition.LatestVersion + 1,
            Xml = definition.DraftXml,
            PublishedAt = now,
            PublishedBy = publishedBy,
        };
        db.Versions.Add(version);

        // Bumping latest_version (a concurrency token, like draft_revision) makes a concurrent publish or draft save lose.
        definition.LatestVersion = version.Version;
        definition.UpdatedAt = now;
        await SaveAsync(district, key, cancellationToken);
        cache.Add(version.Id, parsed.Definition!);
        return new PublishedWorkflowVersion(version.Id, district, key, version.Version, version.Xml, now, publishedBy);
    }

    /// <summary>Saves a draft and publishes it in one transaction, so a crash never leaves it saved but unpublished.</summary>
    /// <param name="district">The owning district.</param>
    /// <param name="key">The workflow key.</param>
    /// <param name="xml">The BPMN XML.</param>
    /// <param name="expectedRevision">The draft revision the caller read (0 for a new workflow).</param>
    /// <param name="publishedBy">Who publishes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ConcurrencyConflictException">Another process saved or published meanwhile; nothing was changed.</exception>
    public async Task<PublishedWorkflowVersion> SaveAndPublishAsync(
        string district, string key, string xml, int? expectedRevision, string publishedBy, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await SaveDraftAsync(district, key, xml, expectedRevision, cancellationToken);
            var version = await PublishAsync(district, key, publishedBy, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return version;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            throw;
        }
    }

    /// <summary>Gets a published version of a district's workflow: the given number, or the latest when null.</summary>
    public async Task<PublishedWorkflowVersion?> GetVersionAsync(string district, string key, int? version = null, CancellationToken cancellationToken = default)
    {
        var query = from v in db.Versions.AsNoTracking()
                    join d in db.Definitions.AsNoTracking() on v.DefinitionId equals d.Id
                    where d.District == district && d.Key == key && (version == null || v.Version == version)
                    orderby v.Version descending
                    select new PublishedWorkflowVersion(v.Id, d.District, d.Key, v.Version, v.Xml, v.PublishedAt, v.PublishedBy);
        return await query.FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Gets a published version by its row id.</summary>
    public async Task<PublishedWorkflowVersion?> GetVersionAsync(Guid versionId, CancellationToken cancellationToken = default)
    {
        var query = from v in db.Versions.AsNoTracking()
                    join d in db.Definitions.AsNoTracking() on v.DefinitionId equals d.Id
                    where v.Id == versionId
                    select new PublishedWorkflowVersion(v.Id, d.District, d.Key, v.Version, v.Xml, v.PublishedAt, v.PublishedBy);
        return await query.SingleOrDefaultAsync(cancellationToken);
    }

    private async Task SaveAsync(string district, string key, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // A concurrency-token miss, or a unique-key race on key/version: either way another writer got there first.
            db.ChangeTracker.Clear();
            var current = await db.Definitions.AsNoTracking().Where(d => d.District == district && d.Key == key)
                .Select(d => (int?)d.DraftRevision).SingleOrDefaultAsync(cancellationToken);
            if (current is null && ex is not DbUpdateConcurrencyException)
            {
                throw;
            }

            throw new ConcurrencyConflictException($"The workflow '{key}' was changed by someone else.", current, ex);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static WorkflowDraft ToDraft(WorkflowDefinitionRecord d) =>
        new(d.Id, d.District, d.Key, d.Name, d.DraftXml, d.DraftRevision, d.LatestVersion, d.UpdatedAt);

    private static void ValidateKey(string district, string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(district);
        if (district.Length > 100)
        {
            throw new ArgumentException("A district has at most 100 characters.", nameof(district));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        if (key.Length > 200)
        {
            throw new ArgumentException("A workflow key has at most 200 characters.", nameof(key));
        }
    }
}
