namespace ReferralFlow.Workflows.Escalation;

/// <summary>Who an escalation level notifies.</summary>
public enum EscalationRecipient
{
    /// <summary>The worker who holds the task; the agency queue when nobody has claimed it.</summary>
    Assignee,
    /// <summary>The agency the task is offered to (its shared mailbox).</summary>
    AgencyQueue,
    /// <summary>The supervisors (팀장) of that agency.</summary>
    AgencySupervisor,
    /// <summary>The referral's public case owner.</summary>
    PublicCaseOwner,
    /// <summary>The district case-management hub (희망복지지원단).</summary>
    DistrictHub,
    /// <summary>The referring agency.</summary>
    Referrer,
}

/// <summary>One level of a policy: when (after the deadline), to whom, and whether the task goes back to the queue.</summary>
/// <param name="WorkingDays">Working days after the deadline (0 = at the deadline).</param>
/// <param name="Extra">Further time added after the working days (lets tests use seconds).</param>
/// <param name="Recipients">Who is notified.</param>
/// <param name="ReofferToQueue">Whether the task is unclaimed and offered to the whole agency again.</param>
public sealed record EscalationLevel(int WorkingDays, TimeSpan Extra, IReadOnlyList<EscalationRecipient> Recipients, bool ReofferToQueue = false);

/// <summary>A named escalation policy (referenced by <c>rf:escalation</c>): levels in increasing time order.</summary>
/// <param name="Name">The policy name.</param>
/// <param name="Levels">The levels; level numbers are 1-based positions.</param>
public sealed record EscalationPolicy(string Name, IReadOnlyList<EscalationLevel> Levels)
{
    /// <summary>
    /// The default: at the deadline remind the assignee (or the queue); one working day later the agency's supervisor;
    /// three working days later the public case owner and the district hub.
    /// </summary>
    public static EscalationPolicy Standard { get; } = new("standard",
    [
        new(0, TimeSpan.Zero, [EscalationRecipient.Assignee]),
        new(1, TimeSpan.Zero, [EscalationRecipient.AgencySupervisor]),
        new(3, TimeSpan.Zero, [EscalationRecipient.PublicCaseOwner, EscalationRecipient.DistrictHub]),
    ]);

    /// <summary>When each level falls due for a task with the given deadline, in level order (1-based level numbers).</summary>
    public IReadOnlyList<(int Level, DateTimeOffset DueAt)> Plan(DateTimeOffset deadline, WorkingCalendar calendar)
    {
        var plan = new List<(int, DateTimeOffset)>(Levels.Count);
        for (var i = 0; i < Levels.Count; i++)
        {
            plan.Add((i + 1, calendar.AddWorkingDays(deadline, Levels[i].WorkingDays) + Levels[i].Extra));
        }

        return plan;
    }
}
