using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Persistence;
using ReferralFlow.Workflows.Templates;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// Installs the bundled workflow templates into every district that has agencies, as that district's own published
/// workflows (so each district's designers may change them without touching another district's), on first start and for
/// districts added since. After an upgrade a changed template is published as a new version in a district — but only while
/// nobody there has touched it: every version published by the system and the draft still the latest version. A
/// designer's own workflow of that key, or any edit, is never overwritten; running referrals stay on their version.
/// </summary>
internal sealed partial class InstallBundledTemplates(ILogger<InstallBundledTemplates> logger) : IStartupTask
{
    public const string PublishedBy = "system";

    /// <summary>After the agencies exist (administrator bootstrap, demo seed) and old workflows have a district.</summary>
    public int Order => 105;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var districts = await services.GetRequiredService<ReferralFlowDbContext>().Agencies.AsNoTracking()
            .Select(a => a.District).Distinct().ToListAsync(cancellationToken);
        foreach (var district in districts.Where(d => d.Length > 0).Order(StringComparer.Ordinal))
        {
            await InstallAsync(services, district, cancellationToken);
        }
    }

    public async Task InstallAsync(IServiceProvider services, string district, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WorkflowReadModel>();
        var store = services.GetRequiredService<DefinitionStore>();
        var existing = await db.Definitions.Where(d => d.District == district)
            .Select(d => new
            {
                d.Key,
                d.DraftXml,
                d.DraftRevision,
                Latest = db.Versions.Where(v => v.DefinitionId == d.Id).OrderByDescending(v => v.Version).Select(v => v.Xml).FirstOrDefault(),
                Edited = db.Versions.Any(v => v.DefinitionId == d.Id && v.PublishedBy != PublishedBy),
            })
            .ToDictionaryAsync(d => d.Key, cancellationToken);
        foreach (var template in BundledTemplates.All)
        {
            int expectedRevision;
            if (!existing.TryGetValue(template.Key, out var current))
            {
                expectedRevision = 0;
            }
            else if (!current.Edited && current.Latest == current.DraftXml && current.Latest != template.Xml)
            {
                expectedRevision = current.DraftRevision;
            }
            else
            {
                continue;
            }

            // Draft and version commit together, so a crash never leaves a template installed but unpublished.
            try
            {
                var version = await store.SaveAndPublishAsync(district, template.Key, template.Xml, expectedRevision, PublishedBy, cancellationToken);
                LogInstalled(logger, template.Key, district, version.Version);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Another host process starting at the same time installed (or upgraded) it first.
                var latest = await db.Versions
                    .Where(v => db.Definitions.Any(d => d.Id == v.DefinitionId && d.District == district && d.Key == template.Key))
                    .OrderByDescending(v => v.Version).Select(v => v.Xml).FirstOrDefaultAsync(cancellationToken);
                if (latest != template.Xml)
                {
                    throw;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed the bundled workflow template {Key} in {District} as version {Version}")]
    private static partial void LogInstalled(ILogger logger, string key, string district, int version);
}
