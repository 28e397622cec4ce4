using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// Carries the provider's <see cref="IWorkflowClaimQueries"/> and, where it has one, its <see cref="ICommandRowWriter"/> in
/// the context options, set with the provider itself.
/// </summary>
public static class WorkflowClaimOptions
{
    /// <summary>Makes <paramref name="queries"/> the claim queries of every context built from these options.</summary>
    /// <param name="builder">The options builder (a provider's <c>UseWorkflowXxx</c> calls this).</param>
    /// <param name="queries">The provider's claim queries.</param>
    public static DbContextOptionsBuilder UseWorkflowClaimQueries(this DbContextOptionsBuilder builder, IWorkflowClaimQueries queries)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(queries);
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new ProviderPart<IWorkflowClaimQueries>(queries));
        return builder;
    }

    /// <summary>Makes <paramref name="writer"/> write each command's rows instead of EF Core's change tracking.</summary>
    /// <param name="builder">The options builder (a provider's <c>UseWorkflowXxx</c> calls this).</param>
    /// <param name="writer">The provider's command writer.</param>
    public static DbContextOptionsBuilder UseWorkflowCommandWriter(this DbContextOptionsBuilder builder, ICommandRowWriter writer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(writer);
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new ProviderPart<ICommandRowWriter>(writer));
        return builder;
    }

    internal static IWorkflowClaimQueries ClaimQueries(this WorkflowDbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<ProviderPart<IWorkflowClaimQueries>>()?.Part
        ?? throw new InvalidOperationException("The workflow context has no claim queries: configure it with UseWorkflowPostgres or UseWorkflowSqlite.");

    internal static ICommandRowWriter? CommandWriter(this WorkflowDbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<ProviderPart<ICommandRowWriter>>()?.Part;

    private sealed class ProviderPart<T>(T part) : IDbContextOptionsExtension
        where T : class
    {
        private DbContextOptionsExtensionInfo? _info;

        public T Part => part;

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

            // The parts add no internal services, so every choice can share EF's service provider.
            public override int GetServiceProviderHashCode() => 0;

            public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

            public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
            {
            }
        }
    }
}
