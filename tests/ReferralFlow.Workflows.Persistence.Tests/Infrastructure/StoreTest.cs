using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

/// <summary>
/// Base of the provider-neutral store tests: a fresh migrated database per test, a fake clock, one definition cache
/// (as in a host process), and helpers that open independent contexts the way separate requests would.
/// </summary>
public abstract class StoreTest<TFixture>(TFixture fixture) : IAsyncLifetime
    where TFixture : IDatabaseFixture
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The district that owns the tests' workflows.</summary>
    protected const string District = "관악구";

    private readonly List<WorkflowDbContext> _contexts = [];
    private string? _connectionString;

    protected FakeTimeProvider Clock { get; } = new(T0);

    /// <summary>This test's database.</summary>
    protected string ConnectionString => _connectionString ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    protected DefinitionCache Cache { get; } = new();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _connectionString = await fixture.CreateMigratedDatabaseAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Points <paramref name="builder"/> at the test's database (for contexts built by a service collection).</summary>
    protected void UseDatabase(DbContextOptionsBuilder builder) =>
        fixture.UseDatabase(builder, _connectionString ?? throw new InvalidOperationException("Not initialised."));

    /// <summary>A new context on the test's database, as a new request scope would get.</summary>
    protected WorkflowDbContext NewContext(params IInterceptor[] interceptors)
    {
        var builder = new DbContextOptionsBuilder<WorkflowDbContext>();
        fixture.UseDatabase(builder, _connectionString ?? throw new InvalidOperationException("Not initialised."));
        if (interceptors.Length > 0)
        {
            builder.AddInterceptors(interceptors);
        }

        var context = new WorkflowDbContext(builder.Options);
        _contexts.Add(context);
        return context;
    }

    protected WorkflowRuntime NewRuntime(WorkflowDbContext? db = null) => new(db ?? NewContext(), Cache, Clock);

    protected DefinitionStore NewStore() => new(NewContext(), Cache, Clock);

    protected async Task<PublishedWorkflowVersion> PublishAsync(string key, string xml)
    {
        var store = NewStore();
        await store.SaveDraftAsync(District, key, xml, expectedRevision: null, Ct);
        return await store.PublishAsync(District, key, "designer@hub", Ct);
    }

    protected async Task<List<WorkTaskRecord>> TasksAsync(Guid instanceId)
    {
        await using var db = NewContext();
        return await db.Tasks.AsNoTracking().Where(t => t.InstanceId == instanceId).OrderBy(t => t.TaskId).ToListAsync(Ct);
    }

    protected async Task<WorkflowInstanceRecord> InstanceAsync(Guid instanceId)
    {
        await using var db = NewContext();
        return await db.Instances.AsNoTracking().SingleAsync(i => i.Id == instanceId, Ct);
    }

    protected async Task<List<string>> TimelineTypesAsync(Guid instanceId)
    {
        await using var db = NewContext();
        return await db.Timeline.AsNoTracking().Where(e => e.InstanceId == instanceId).OrderBy(e => e.Id).Select(e => e.Type).ToListAsync(Ct);
    }
}
