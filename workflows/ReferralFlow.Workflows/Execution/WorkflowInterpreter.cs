using ReferralFlow.Workflows.Escalation;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Workflows.Execution;

/// <summary>
/// The token interpreter: a pure function of (definition, state, command, now) to (new state, effects).
/// No I/O, no clock and no randomness inside, so every BPMN rule is unit-testable and the shell decides
/// where state and effects are written.
/// </summary>
public static class WorkflowInterpreter
{
    /// <summary>Applies a command and runs until every token waits or ends.</summary>
    /// <param name="definition">The parsed definition the instance runs on.</param>
    /// <param name="state">The current state (<see cref="InstanceState.Empty"/> before start).</param>
    /// <param name="command">What to do.</param>
    /// <param name="now">The current time, used for deadlines and timers.</param>
    /// <param name="calendar">
    /// The working days that deadlines with <see cref="UserTask.DueInWorkingDays"/> count;
    /// <see cref="WorkingCalendar.KoreaWithoutHolidays"/> when null.
    /// </param>
    /// <param name="limits">Per-instance bounds on tasks and loop passes; <see cref="ExecutionLimits.Default"/> when null.</param>
    /// <exception cref="WorkflowCommandException">The command does not fit the state (e.g. the task is no longer open).</exception>
    public static ExecutionResult Execute(
        WorkflowDefinition definition,
        InstanceState state,
        WorkflowCommand command,
        DateTimeOffset now,
        WorkingCalendar? calendar = null,
        ExecutionLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        var run = new Run(definition, state, now, calendar ?? WorkingCalendar.KoreaWithoutHolidays, limits ?? ExecutionLimits.Default);
        switch (command)
        {
            case StartInstance start:
                run.Start(start.Variables);
                break;
            case CompleteTask complete:
                run.RequireRunning();
                run.CompleteTask(complete.TaskId, complete.Variables);
                break;
            case FireTimer fire:
                run.RequireRunning();
                run.FireTimer(fire.TimerId);
                break;
            case CancelInstance cancel:
                run.RequireRunning();
                run.Cancel(cancel.Reason);
                break;
            case MoveToken move:
                run.RequireRunning();
                run.MoveToken(move.TokenId, move.TargetNodeId, move.Reason);
                break;
            case SkipTask skip:
                run.RequireRunning();
                run.SkipTask(skip.TaskId, skip.Reason);
                break;
            case CancelBranch cancelBranch:
                run.RequireRunning();
                run.CancelBranch(cancelBranch.TokenId, cancelBranch.Reason);
                break;
            case AddToken add:
                run.RequireRunning();
                run.AddToken(add.NodeId, add.Reason);
                break;
            default:
                throw new ArgumentException($"Unknown command {command.GetType().Name}.", nameof(command));
        }

        return run.Finish();
    }
}

/// <summary>An interpreter that reads the time from an injected <see cref="TimeProvider"/>.</summary>
/// <param name="time">The clock.</param>
/// <param name="calendar">The working days deadlines may count (see <see cref="WorkflowInterpreter.Execute"/>).</param>
/// <param name="limits">Per-instance bounds (see <see cref="WorkflowInterpreter.Execute"/>).</param>
public sealed class WorkflowExecutor(TimeProvider time, WorkingCalendar? calendar = null, ExecutionLimits? limits = null)
{
    /// <summary>Applies a command at the provider's current UTC time.</summary>
    public ExecutionResult Execute(WorkflowDefinition definition, InstanceState state, WorkflowCommand command) =>
        WorkflowInterpreter.Execute(definition, state, command, time.GetUtcNow(), calendar, limits);
}
