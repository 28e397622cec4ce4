namespace ReferralFlow.Workflows.Escalation;

/// <summary>
/// Working days for escalation offsets: Monday to Friday in the calendar's local time, minus configured public
/// holidays (설날, 추석, substitute holidays … — the host configures the list per year).
/// </summary>
public sealed class WorkingCalendar
{
    private readonly HashSet<DateOnly> _holidays;

    /// <summary>Creates a calendar.</summary>
    /// <param name="holidays">Public holidays (local dates).</param>
    /// <param name="utcOffset">The local offset; Korea is UTC+9 all year (no daylight saving).</param>
    public WorkingCalendar(IEnumerable<DateOnly> holidays, TimeSpan utcOffset)
    {
        _holidays = [.. holidays];
        UtcOffset = utcOffset;
    }

    /// <summary>Korea (UTC+9) without holidays; configure the holiday list in the host.</summary>
    public static WorkingCalendar KoreaWithoutHolidays { get; } = new([], TimeSpan.FromHours(9));

    /// <summary>The local offset the calendar counts days in.</summary>
    public TimeSpan UtcOffset { get; }

    /// <summary>True for a weekday that is not a configured holiday.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_holidays.Contains(date);

    /// <summary>
    /// Moves <paramref name="days"/> working days forward from an instant, keeping the local time of day; each step lands
    /// on the next working day. Zero returns the instant unchanged.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var local = from.ToOffset(UtcOffset);
        var date = DateOnly.FromDateTime(local.DateTime);
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        var result = new DateTimeOffset(date.ToDateTime(TimeOnly.FromTimeSpan(local.TimeOfDay)), UtcOffset);
        return result.ToOffset(from.Offset);
    }
}
