using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// The imperative shell around the pure interpreter. Each use case loads the instance with its revision, runs
/// <see cref="WorkflowInterpreter.Execute"/>, and writes the new state with every effect's rows (tasks, timers, outbox,
/// timeline) in one transaction: through the provider's <see cref="ICommandRowWriter"/> in one round trip where it has
/// one, otherwise in one <c>SaveChanges</c>. The instance revision guards against lost updates.
/// </summary>
/// <remarks>
/// Without an expected revision a lost race is retried on fresh state (the interpreter is pure, so re-running is safe
/// and then usually answers <see cref="WorkflowCommandError.TaskNotOpen"/> or similar); with one, the caller's view is
/// authoritative and a conflict is reported. The runtime clears the context's change tracker after each command.
/// </remarks>
/// <param name="db">The context (one per unit of work).</param>
/// <param name="definitions">Parsed definitions by version.</param>
/// <param name="time">The clock.</param>
/// <param name="actor">Who is acting (stamped on timeline rows); null when the host does not say.</param>
/// <param name="escalations">Plans escalation levels for tasks with deadlines; none when null.</param>
/// <param name="limits">Per-instance bounds on tasks and loop passes; <see cref="ExecutionLimits.Default"/> when null.</param>
/// <param name="alerts">Plans the messages that announce new steps; none when null.</param>
public sealed partial class WorkflowRuntime(
    WorkflowDbContext db,
    DefinitionCache definitions,
    TimeProvider time,
    IWorkflowActor? actor = null,
    IEscalationPlanner? escalations = null,
    ExecutionLimits? limits = null,
    IStepAlertPlanner? alerts = null)
{
    private const int MaxAttempts = 3;

    /// <summary>Starts an instance of the latest published version of a district's workflow.</summary>
    /// <exception cref="WorkflowNotFoundException">The district's workflow has no published version.</exception>
    public async Task<WorkflowCommandOutcome> StartAsync(
        string district, string workflowKey, string? businessKey, IReadOnlyDictionary<string, object?>? variables, CancellationToken cancellationToken = default)
    {
        var versionId = await CommandQueries.For(db).LatestVersion(db, district, workflowKey, cancellationToken)
            ?? throw new WorkflowNotFoundException($"The workflow '{workflowKey}' of {district} has no published version.");
        return await StartAsync(versionId, businessKey, variables, cancellationToken);
    }

    /// <summary>Starts an instance of a published version.</summary>
    /// <exception cref="WorkflowNotFoundException">No such version.</exception>
    public Task<WorkflowCommandOutcome> StartAsync(
        Guid versionId, string? businessKey, IReadOnlyDictionary<string, object?>? variables, CancellationToken cancellationToken = default) =>
        StartAsync(versionId, businessKey, variables, null, cancellationToken);

    /// <summary>Starts an instance of a published version, routing each role's tasks to an agency.</summary>
    /// <param name="versionId">The published version.</param>
    /// <param name="businessKey">The caller's key, e.g. the referral number.</param>
    /// <param name="variables">Initial variables.</param>
    /// <param name="roleAgencies">Role key → agency id; new task rows get the agency of their role.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="WorkflowNotFoundException">No such version.</exception>
    public async Task<WorkflowCommandOutcome> StartAsync(
        Guid versionId,
        string? businessKey,
        IReadOnlyDictionary<string, object?>? variables,
        IReadOnlyDictionary<string, string>? roleAgencies,
        CancellationToken cancellationToken = default)
    {
        var definition = await GetDefinitionAsync(versionId, cancellationToken);
        var planner = await PlannerAsync(versionId, cancellationToken);
        var now = time.GetUtcNow();
        var command = new StartInstance(NormalizeVariables(variables));
        var result = WorkflowInterpreter.Execute(definition, InstanceState.Empty, command, now, planner?.Calendar, limits);
        var instance = new WorkflowInstanceRecord
        {
            Id = Guid.CreateVersion7(now),
            VersionId = versionId,
            BusinessKey = businessKey,
            StateJson = string.Empty,
            RoleAgenciesJson = roleAgencies is null ? null : System.Text.Json.JsonSerializer.Serialize(roleAgencies),
            CreatedAt = now,
        };
        try
        {
            var writer = new EffectWriter(instance, isNew: true, now, actor?.Actor, planner, alerts);
            writer.AddTimeline(TimelineEventTypes.InstanceStarted, null, null, new() { ["versionId"] = versionId, ["businessKey"] = businessKey });
            await SaveAsync(await writer.WriteAsync(command, result, cancellationToken), RowWriter(), cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }

        return new WorkflowCommandOutcome(instance.Id, instance.Revision, instance.Status, result.Effects);
    }

    /// <summary>Completes an open user task with its outcome values.</summary>
    /// <exception cref="WorkflowCommandException">The task is not open, or the instance is not running.</exception>
    /// <exception cref="ConcurrencyConflictException">The instance is not at <paramref name="expectedRevision"/>, or a concurrent write won.</exception>
    public Task<WorkflowCommandOutcome> CompleteTaskAsync(
        Guid instanceId, int taskId, IReadOnlyDictionary<string, object?>? variables, int? expectedRevision, CancellationToken cancellationToken = default) =>
        ApplyAsync(instanceId, new CompleteTask(taskId, NormalizeVariables(variables)), expectedRevision, cancellationToken);

    /// <summary>Fires a pending timer row (the scheduler's job).</summary>
    /// <param name="timerRowId">The <see cref="TimerRecord.Id"/>.</param>
    /// <param name="evenIfNotDue">Fire before the due time (operators, tests); otherwise an early call is refused.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="WorkflowCommandException"><see cref="WorkflowCommandError.TimerNotPending"/> when it already fired, was cancelled or is not due.</exception>
    public async Task<WorkflowCommandOutcome> FireTimerAsync(Guid timerRowId, bool evenIfNotDue = false, CancellationToken cancellationToken = default)
    {
        var timer = await db.Timers.AsNoTracking().SingleOrDefaultAsync(t => t.Id == timerRowId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"No timer row {timerRowId}.");
        if (timer.Status != TimerStatus.Pending)
        {
            throw new WorkflowCommandException(WorkflowCommandError.TimerNotPending, $"Timer {timer.TimerId} of instance {timer.InstanceId} is {timer.Status}.");
        }

        // A stale job for an earlier firing of a cycle timer must not fire the next cycle early.
        if (!evenIfNotDue && timer.DueAt > time.GetUtcNow())
        {
            throw new WorkflowCommandException(WorkflowCommandError.TimerNotPending, $"Timer {timer.TimerId} of instance {timer.InstanceId} is not due until {timer.DueAt:O}.");
        }

        return await ApplyAsync(timer.InstanceId, new FireTimer(timer.TimerId), null, cancellationToken);
    }

    /// <summary>Cancels a running instance: every open task and pending timer is cancelled.</summary>
    public Task<WorkflowCommandOutcome> CancelAsync(Guid instanceId, string reason, int? expectedRevision, CancellationToken cancellationToken = default) =>
        ApplyAsync(instanceId, new CancelInstance(reason), expectedRevision, cancellationToken);

    /// <summary>Reads an instance's current state document.</summary>
    public async Task<InstanceState> GetStateAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        var json = await db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.StateJson).SingleOrDefaultAsync(cancellationToken)
            ?? throw new WorkflowNotFoundException($"No workflow instance {instanceId}.");
        return InstanceStateJson.Deserialize(json);
    }

    private async Task<WorkflowCommandOutcome> ApplyAsync(Guid instanceId, WorkflowCommand command, int? expectedRevision, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // Without a row writer the instance is tracked, so SaveChanges writes it with the caller's pending changes.
                var rowWriter = RowWriter();
                var instance = await (rowWriter is null ? CommandQueries.For(db).Instance : CommandQueries.For(db).UntrackedInstance)(db, instanceId, cancellationToken)
                    ?? throw new WorkflowNotFoundException($"No workflow instance {instanceId}.");
                var loadedRevision = instance.Revision;
                if (expectedRevision is { } expected && expected != loadedRevision)
                {
                    throw new ConcurrencyConflictException($"Instance {instanceId} is at revision {loadedRevision}, not {expected}.", loadedRevision);
                }

                var definition = await GetDefinitionAsync(instance.VersionId, cancellationToken);
                var planner = await PlannerAsync(instance.VersionId, cancellationToken);
                var now = time.GetUtcNow();
                var result = WorkflowInterpreter.Execute(definition, InstanceStateJson.Deserialize(instance.StateJson), command, now, planner?.Calendar, limits);
                var rows = await new EffectWriter(instance, isNew: false, now, actor?.Actor, planner, alerts).WriteAsync(command, result, cancellationToken);
                try
                {
                    await SaveAsync(rows, rowWriter, cancellationToken);
                }
                catch (DbUpdateException ex) when (db.Database.CurrentTransaction is not null)
                {
                    // Inside the caller's transaction a failed statement may have aborted it: no re-query, no retry.
                    throw new ConcurrencyConflictException($"Instance {instanceId} was changed by a concurrent command.", null, ex);
                }
                catch (DbUpdateException ex)
                {
                    var current = await CurrentRevisionAsync(instanceId, cancellationToken);
                    // Row inserts may run before the instance update, so a lost race can also surface as a unique-key
                    // violation on (instance_id, task_id); a moved revision tells the two apart from a real error.
                    if (ex is not DbUpdateConcurrencyException && current == loadedRevision)
                    {
                        throw;
                    }

                    if (expectedRevision is null && attempt < MaxAttempts)
                    {
                        continue;
                    }

                    throw new ConcurrencyConflictException($"Instance {instanceId} was changed by a concurrent command.", current, ex);
                }

                return new WorkflowCommandOutcome(instance.Id, instance.Revision, instance.Status, result.Effects);
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The provider's row writer, unless the caller left changes on the context that must be saved with the command.</summary>
    private ICommandRowWriter? RowWriter() => db.CommandWriter() is { } writer && !db.ChangeTracker.HasChanges() ? writer : null;

    private async Task SaveAsync(CommandRows rows, ICommandRowWriter? rowWriter, CancellationToken cancellationToken)
    {
        if (rowWriter is null)
        {
            await TrackedCommandWriter.WriteAsync(db, rows, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await rowWriter.WriteAsync(db, rows, cancellationToken);
        if (rows.EarliestDue is { } due)
        {
            DueRowsInterceptor.Of(db)?.Wrote(db, due);
        }
    }

    private Task<int?> CurrentRevisionAsync(Guid instanceId, CancellationToken cancellationToken) =>
        db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => (int?)i.Revision).SingleOrDefaultAsync(cancellationToken);

    private Task<WorkflowDefinition> GetDefinitionAsync(Guid versionId, CancellationToken cancellationToken) =>
        definitions.GetAsync(db, versionId, cancellationToken);

    /// <summary>The escalation planner of the district that owns the version: its holidays and policies, not the caller's.</summary>
    private async Task<IEscalationPlanner?> PlannerAsync(Guid versionId, CancellationToken cancellationToken) =>
        escalations is null ? null : escalations.ForDistrict(await definitions.GetDistrictAsync(db, versionId, cancellationToken));

    private static IReadOnlyDictionary<string, object?>? NormalizeVariables(IReadOnlyDictionary<string, object?>? variables) =>
        variables is null ? null : (IReadOnlyDictionary<string, object?>)VariableJson.Normalize(variables)!;
}
