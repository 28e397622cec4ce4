namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// Writes a command's rows through EF Core's change tracking, in one <c>SaveChanges</c> with whatever else the context
/// tracks: for a provider without an <see cref="ICommandRowWriter"/>, or a caller that left changes pending on the context.
/// The instance must be tracked already when it is not new (the runtime loads it so).
/// </summary>
internal static class TrackedCommandWriter
{
    public static async Task WriteAsync(WorkflowDbContext db, CommandRows rows, CancellationToken cancellationToken)
    {
        var instanceId = rows.Instance.Id;
        if (rows.IsNewInstance)
        {
            db.Instances.Add(rows.Instance);
        }

        db.Tasks.AddRange(rows.NewTasks);
        db.Escalations.AddRange(rows.Escalations);
        db.Timeline.AddRange(rows.Timeline);
        db.Outbox.AddRange(rows.Outbox);
        if (rows.ClosedTasks.Count > 0)
        {
            var taskIds = rows.ClosedTasks.Select(c => c.TaskId).ToArray();
            var stored = new Dictionary<int, WorkTaskRecord>();
            await foreach (var task in CommandQueries.For(db).Tasks(db, instanceId, taskIds).WithCancellation(cancellationToken))
            {
                stored[task.TaskId] = task;
            }

            foreach (var closing in rows.ClosedTasks)
            {
                closing.ApplyTo(stored.GetValueOrDefault(closing.TaskId) ?? throw new InvalidOperationException($"Instance {instanceId} has no row for task {closing.TaskId}."));
            }
        }

        await WriteTimersAsync(db, rows, cancellationToken);
    }

    private static async Task WriteTimersAsync(WorkflowDbContext db, CommandRows rows, CancellationToken cancellationToken)
    {
        var instanceId = rows.Instance.Id;
        var timerIds = rows.ClosedTimers.Select(c => c.TimerId).Concat(rows.ScheduledTimers.Select(t => t.TimerId)).Distinct().ToArray();
        if (timerIds.Length == 0)
        {
            return;
        }

        var stored = new Dictionary<int, TimerRecord>();
        if (!rows.IsNewInstance)
        {
            await foreach (var timer in CommandQueries.For(db).Timers(db, instanceId, timerIds).WithCancellation(cancellationToken))
            {
                stored[timer.TimerId] = timer;
            }
        }

        foreach (var closing in rows.ClosedTimers)
        {
            var timer = stored.GetValueOrDefault(closing.TimerId) ?? throw new InvalidOperationException($"Instance {instanceId} has no row for timer {closing.TimerId}.");
            timer.Status = closing.Status;
            timer.ClosedAt = closing.At;
        }

        foreach (var scheduled in rows.ScheduledTimers)
        {
            if (!stored.TryGetValue(scheduled.TimerId, out var timer))
            {
                db.Timers.Add(scheduled);
                continue;
            }

            timer.NodeId = scheduled.NodeId;
            timer.DueAt = scheduled.DueAt;
            timer.Status = scheduled.Status;
            timer.TokenId = scheduled.TokenId;
            timer.DispatchedAt = scheduled.DispatchedAt;
            timer.ClosedAt = scheduled.ClosedAt;
            timer.CreatedAt = scheduled.CreatedAt;
        }
    }
}
