using Microsoft.Extensions.Options;
using ReferralFlow.Workflows.Escalation;

namespace ReferralFlow.Host.Features.Calendar;

/// <summary>
/// Local (Korean) time, the one place that knows the offset: dates shown on pages and in messages, referral-number and
/// report years, the dates workers type in, and the working-day calendar of deadlines and escalations.
/// </summary>
public sealed class KoreaTime(IOptions<CalendarOptions> options)
{
    private readonly WorkingCalendar _calendar = new(options.Value.Holidays, options.Value.UtcOffset);

    public TimeSpan Offset => options.Value.UtcOffset;

    /// <summary>Working days (no weekends, the configured public holidays) in local time.</summary>
    public WorkingCalendar Calendar => _calendar;

    public DateTimeOffset Local(DateTimeOffset at) => at.ToOffset(Offset);

    public int Year(DateTimeOffset at) => Local(at).Year;

    public DateOnly Date(DateTimeOffset at) => DateOnly.FromDateTime(Local(at).DateTime);

    /// <summary>Midnight of 1 January of a local year.</summary>
    public DateTimeOffset StartOfYear(int year) => new(year, 1, 1, 0, 0, 0, Offset);

    /// <summary>A local wall-clock time (a form's date and time field) as UTC.</summary>
    public DateTimeOffset FromLocal(DateTime local) => new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Offset).ToUniversalTime();
}
