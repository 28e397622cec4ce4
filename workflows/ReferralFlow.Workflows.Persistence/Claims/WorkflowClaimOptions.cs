using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>Carries the provider's <see cref="IWorkflowClaimQueries"/> in the context options, set with the provider itself.</summary>
public static class WorkflowClaimOptions
{
    /// <summary>Makes <paramref name="queries"/> the claim queries of every context built from these options.</summary>
    /// <param name="builder">The options builder (a provider's <c>UseWorkflowXxx</c> calls this).</param>
    /// <param name="queries">The provider's claim queries.</param>
    public static DbContextOptionsBuilder UseWorkflowClaimQueries(this DbContextOptionsBuilder builder, IWorkflowClaimQueries queries)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(queries);
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new ClaimQueriesExtension(queries));
        return builder;
    }

    internal static IWorkflowClaimQueries ClaimQueries(this WorkflowDbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<ClaimQueriesExtension>()?.Queries
        ?? throw new InvalidOperationException("The workflow context has no claim queries: configure it with UseWorkflowPostgres or UseWorkflowSqlite.");

    private sealed class ClaimQueriesExtension(IWorkflowClaimQueries queries) : IDbContextOptionsExtension
    {
        private DbContextOptionsExtensionInfo? _info;

        public IWorkflowClaimQueries Queries => queries;

        public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

        public void ApplyServices(IServiceCollection services)
        {
        }

        public void Validate(IDbContextOptions options)
        {
        }

        private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
        {
            public override bool IsDatabaseProvider => false;

            public override string LogFragment => "";

            // The queries add no internal services, so every choice can share EF's service provider.
            public override int GetServiceProviderHashCode() => 0;

            public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

            public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
            {
            }
        }
    }
}
