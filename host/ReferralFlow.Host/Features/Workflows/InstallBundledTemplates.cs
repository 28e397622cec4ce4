using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Persistence;
using ReferralFlow.Workflows.Templates;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// Installs the bundled workflow templates as published workflows on first start, each only when its key does not
/// exist yet (a designer's own workflow of that key, or a later edit, is never overwritten).
/// </summary>
internal sealed partial class InstallBundledTemplates(ILogger<InstallBundledTemplates> logger) : IStartupTask
{
    public const string PublishedBy = "system";

    public int Order => 50;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<WorkflowDbContext>();
        var store = services.GetRequiredService<DefinitionStore>();
        var existing = await db.Definitions.AsNoTracking().Select(d => d.Key).ToListAsync(cancellationToken);
        foreach (var template in BundledTemplates.All.Where(t => !existing.Contains(t.Key)))
        {
            // Draft and version commit together, so a crash never leaves a template installed but unpublished.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await store.SaveDraftAsync(template.Key, template.Xml, expectedRevision: 0, cancellationToken);
                var version = await store.PublishAsync(template.Key, PublishedBy, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                LogInstalled(logger, template.Key, version.Version);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();

                // Another host process starting at the same time installed it first.
                if (!await db.Definitions.AsNoTracking().AnyAsync(d => d.Key == template.Key, cancellationToken))
                {
                    throw;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Installed the bundled workflow template {Key} as version {Version}")]
    private static partial void LogInstalled(ILogger logger, string key, int version);
}
