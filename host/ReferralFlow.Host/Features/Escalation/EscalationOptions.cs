using ReferralFlow.Workflows.Escalation;

namespace ReferralFlow.Host.Features.Escalation;

/// <summary>
/// <c>Escalation:*</c>: named policies (levels with working-day offsets and recipients) and the default policy for tasks
/// with a deadline but no <c>rf:escalation</c>. The section's <c>UtcOffset</c> and <c>Holidays</c> are the calendar's
/// (<see cref="Calendar.CalendarOptions"/>).
/// </summary>
public sealed class EscalationOptions
{
    public string? DefaultPolicy { get; set; } = "standard";

    public Dictionary<string, PolicyOptions> Policies { get; set; } = [];

    /// <summary>Most due levels handled by one sweep transaction.</summary>
    public int BatchSize { get; set; } = 200;

    public sealed class PolicyOptions
    {
        public List<LevelOptions> Levels { get; set; } = [];
    }

    public sealed class LevelOptions
    {
        public int WorkingDays { get; set; }

        public TimeSpan Extra { get; set; }

        public List<EscalationRecipient> Recipients { get; set; } = [];

        public bool ReofferToQueue { get; set; }
    }
}
