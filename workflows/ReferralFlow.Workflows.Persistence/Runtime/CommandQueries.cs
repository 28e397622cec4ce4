using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// The queries every command runs, compiled once per model: EF Core then skips building and looking up the expression
/// tree on each call, a visible share of a command's client CPU and allocations (see docs/benchmarks.md). A compiled
/// query is bound to the model it first ran with, and one process may hold a PostgreSQL and a SQLite model (tests).
/// </summary>
internal sealed class CommandQueries
{
    private static readonly ConditionalWeakTable<IModel, CommandQueries> PerModel = [];

    public static CommandQueries For(WorkflowDbContext db) => PerModel.GetValue(db.Model, _ => new CommandQueries());

    public Func<WorkflowDbContext, Guid, CancellationToken, Task<WorkflowInstanceRecord?>> Instance { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken _) => db.Instances.SingleOrDefault(i => i.Id == id));

    public Func<WorkflowDbContext, Guid, CancellationToken, Task<WorkflowInstanceRecord?>> UntrackedInstance { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid id, CancellationToken _) => db.Instances.AsNoTracking().SingleOrDefault(i => i.Id == id));

    public Func<WorkflowDbContext, Guid, int[], IAsyncEnumerable<WorkTaskRecord>> Tasks { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid instanceId, int[] taskIds) => db.Tasks.Where(t => t.InstanceId == instanceId && taskIds.Contains(t.TaskId)));

    public Func<WorkflowDbContext, Guid, int[], IAsyncEnumerable<TimerRecord>> Timers { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, Guid instanceId, int[] timerIds) => db.Timers.Where(t => t.InstanceId == instanceId && timerIds.Contains(t.TimerId)));

    public Func<WorkflowDbContext, string, string, CancellationToken, Task<Guid?>> LatestVersion { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext db, string district, string key, CancellationToken _) =>
            (from v in db.Versions.AsNoTracking()
             join d in db.Definitions.AsNoTracking() on v.DefinitionId equals d.Id
             where d.District == district && d.Key == key
             orderby v.Version descending
             select (Guid?)v.Id).FirstOrDefault());
}
