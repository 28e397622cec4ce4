namespace ReferralFlow.Host.Features.Calendar;

/// <summary>
/// The local offset and the public holidays per year. Read from the <c>Escalation</c> section
/// (<c>Escalation:UtcOffset</c>, <c>Escalation:Holidays</c>), where deployments have always set them.
/// </summary>
public sealed class CalendarOptions
{
    public const string Section = "Escalation";

    /// <summary>Korea: +09:00, no daylight saving time.</summary>
    public TimeSpan UtcOffset { get; set; } = TimeSpan.FromHours(9);

    public List<DateOnly> Holidays { get; set; } = [];
}
