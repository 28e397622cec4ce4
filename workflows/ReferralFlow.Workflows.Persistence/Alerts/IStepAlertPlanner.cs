namespace ReferralFlow.Workflows.Persistence;

/// <summary>A step the runtime has just created, as the host's <see cref="IStepAlertPlanner"/> sees it.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="TaskRowId">The task row's id (stable across hosts; links go to it).</param>
/// <param name="TaskId">The instance-local task id.</param>
/// <param name="NodeId">The user task element.</param>
/// <param name="Name">The step's name.</param>
/// <param name="RoleKey">The lane's role, if any.</param>
/// <param name="AgencyId">The agency the role is allocated to, if any.</param>
/// <param name="DueAt">The deadline, if any.</param>
public sealed record NewStep(Guid InstanceId, Guid TaskRowId, int TaskId, string NodeId, string Name, string? RoleKey, string? AgencyId, DateTimeOffset? DueAt);

/// <summary>A message to queue because a step was created.</summary>
/// <param name="Type">Message type, e.g. <c>step-alert</c>.</param>
/// <param name="To">Recipient expression, e.g. <c>agency:{id}</c>.</param>
/// <param name="Template">Template key; also names the message, so one step gets at most one message per template.</param>
/// <param name="DataJson">Template data as a JSON object.</param>
public sealed record StepAlert(string Type, string To, string Template, string? DataJson = null);

/// <summary>
/// Decides who hears of a new step (the agency's queue, a notice to the case owner); the runtime queues the messages in
/// the outbox in the same transaction as the task row, so an alert is never lost and never sent for a step that was
/// rolled back.
/// </summary>
public interface IStepAlertPlanner
{
    /// <summary>The messages for <paramref name="step"/>; empty for none.</summary>
    /// <param name="step">The new step.</param>
    /// <param name="cancellationToken">Cancels the planning.</param>
    Task<IReadOnlyList<StepAlert>> PlanAsync(NewStep step, CancellationToken cancellationToken);
}
