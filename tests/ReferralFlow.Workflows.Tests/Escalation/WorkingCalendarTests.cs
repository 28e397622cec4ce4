using ReferralFlow.Workflows.Escalation;

namespace ReferralFlow.Workflows.Tests.Escalation;

public sealed class WorkingCalendarTests
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    // 2026 설날 (Feb 16–18) and 추석 (Sep 24–26) as a district would configure them.
    private static readonly WorkingCalendar Calendar = new(
        [new(2026, 2, 16), new(2026, 2, 17), new(2026, 2, 18), new(2026, 9, 24), new(2026, 9, 25), new(2026, 9, 26)], Kst);

    private static DateTimeOffset Local(int month, int day, int hour = 10) => new(2026, month, day, hour, 0, 0, Kst);

    [Fact]
    public void One_working_day_after_a_friday_is_the_monday()
    {
        Assert.Equal(Local(3, 9), Calendar.AddWorkingDays(Local(3, 6), 1));
    }

    [Fact]
    public void Working_days_skip_the_seollal_holidays()
    {
        // Friday 13 Feb + 1 working day: the weekend and 16–18 Feb are skipped → Thursday 19 Feb.
        Assert.Equal(Local(2, 19), Calendar.AddWorkingDays(Local(2, 13), 1));
        Assert.Equal(Local(2, 23), Calendar.AddWorkingDays(Local(2, 13), 3));
    }

    [Fact]
    public void Working_days_skip_the_chuseok_holidays()
    {
        // Wednesday 23 Sep + 1 → Monday 28 Sep (24–26 are 추석, 26–27 also the weekend).
        Assert.Equal(Local(9, 28), Calendar.AddWorkingDays(Local(9, 23), 1));
    }

    [Fact]
    public void A_deadline_in_utc_is_counted_in_korean_days()
    {
        // 2026-03-06 23:30 UTC is Saturday 08:30 in Seoul: the next working day is Monday 9 March.
        var utc = new DateTimeOffset(2026, 3, 6, 23, 30, 0, TimeSpan.Zero);

        var next = Calendar.AddWorkingDays(utc, 1);

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 8, 30, 0, Kst), next);
        Assert.Equal(TimeSpan.Zero, next.Offset);
    }

    [Fact]
    public void Zero_working_days_is_the_deadline_itself()
    {
        Assert.Equal(Local(2, 17), Calendar.AddWorkingDays(Local(2, 17), 0));
    }

    [Fact]
    public void Standard_policy_plans_deadline_then_one_then_three_working_days()
    {
        var plan = EscalationPolicy.Standard.Plan(Local(2, 13), Calendar);

        Assert.Equal([(1, Local(2, 13)), (2, Local(2, 19)), (3, Local(2, 23))], plan);
    }
}
