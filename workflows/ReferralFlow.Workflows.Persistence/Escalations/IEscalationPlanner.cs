using ReferralFlow.Workflows.Escalation;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// Turns a new task's deadline and policy into escalation levels (the host configures policies and the working-day
/// calendar); the runtime writes them with the task row.
/// </summary>
public interface IEscalationPlanner
{
    /// <summary>The policy to use when a task names none; null for no escalation.</summary>
    string? DefaultPolicy { get; }

    /// <summary>The levels for a task due at <paramref name="dueAt"/>: (level, due time), in order.</summary>
    IReadOnlyList<(int Level, DateTimeOffset DueAt)> Plan(string policy, DateTimeOffset dueAt);

    /// <summary>The working days (weekends, public holidays) that escalation offsets and working-day deadlines count.</summary>
    WorkingCalendar Calendar => WorkingCalendar.KoreaWithoutHolidays;

    /// <summary>
    /// The planner for the instances of one district's workflows (its own holidays and policies); the runtime asks for it
    /// with the district of the instance's published version, whoever runs the command (a worker, or a timer job).
    /// </summary>
    /// <param name="district">The district that owns the workflow.</param>
    IEscalationPlanner ForDistrict(string district) => this;
}
