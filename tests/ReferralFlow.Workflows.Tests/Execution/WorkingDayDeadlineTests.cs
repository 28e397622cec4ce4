using ReferralFlow.Workflows.Escalation;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Parsing;
using static ReferralFlow.Workflows.Tests.Bpmn;

namespace ReferralFlow.Workflows.Tests.Execution;

/// <summary>
/// <c>rf:dueCalendar="working"</c>: deadlines in working days, as Korean referral practice states them ("home visit
/// within 3 working days"), skipping weekends and the host's public holidays and keeping the time of day.
/// </summary>
public sealed class WorkingDayDeadlineTests
{
    private static readonly TimeSpan Kst = TimeSpan.FromHours(9);

    // Friday 6 March 2026, 10:00 KST.
    private static readonly DateTimeOffset Friday = new(2026, 3, 6, 10, 0, 0, Kst);

    private static string OneTask(string attributes) => Process($"""
        <bpmn:startEvent id="start"/>{Task("visit", extra: attributes)}<bpmn:endEvent id="end"/>
        {Flow("f1", "start", "visit")}{Flow("f2", "visit", "end")}
        """);

    private static DateTimeOffset? DueOfFirstTask(string attributes, WorkingCalendar? calendar = null)
    {
        var instance = new TestInstance(OneTask(attributes)) { Now = Friday, Calendar = calendar }.Start();
        return instance.LastEffects.OfType<TaskCreated>().Single().DueAt;
    }

    [Fact]
    public void Three_working_days_from_a_friday_end_on_wednesday_at_the_same_time()
    {
        var due = DueOfFirstTask("""rf:due="P3D" rf:dueCalendar="working" """);

        Assert.Equal(new DateTimeOffset(2026, 3, 11, 10, 0, 0, Kst), due);
    }

    [Fact]
    public void A_public_holiday_of_the_hosts_calendar_is_skipped()
    {
        var calendar = new WorkingCalendar([new DateOnly(2026, 3, 9)], Kst);

        var due = DueOfFirstTask("""rf:due="P3D" rf:dueCalendar="working" """, calendar);

        Assert.Equal(new DateTimeOffset(2026, 3, 12, 10, 0, 0, Kst), due);
    }

    [Theory]
    [InlineData("""rf:due="P3D" """)]
    [InlineData("""rf:due="P3D" rf:dueCalendar="calendar" """)]
    public void Without_working_days_the_deadline_is_calendar_time(string attributes)
    {
        Assert.Equal(Friday.AddDays(3), DueOfFirstTask(attributes));
        Assert.False(Assert.IsType<UserTask>(BpmnParser.Parse(OneTask(attributes)).Definition!.GetNode("visit")).DueInWorkingDays);
    }

    [Theory]
    [InlineData("""rf:due="PT4H" rf:dueCalendar="working" """)]
    [InlineData("""rf:due="P1W" rf:dueCalendar="working" """)]
    [InlineData("""rf:due="P1DT2H" rf:dueCalendar="working" """)]
    [InlineData("""rf:due="P0D" rf:dueCalendar="working" """)]
    [InlineData("""rf:dueCalendar="working" """)]
    public void Working_days_need_a_days_only_deadline(string attributes)
    {
        var issue = Assert.Single(BpmnParser.Parse(OneTask(attributes)).Errors);

        Assert.Equal(("working-days-due", "visit"), (issue.Code, issue.ElementId));
    }

    [Fact]
    public void An_unknown_calendar_is_an_error_on_the_task()
    {
        var issue = Assert.Single(BpmnParser.Parse(OneTask("""rf:due="P3D" rf:dueCalendar="lunar" """)).Errors);

        Assert.Equal(("invalid-due-calendar", "visit"), (issue.Code, issue.ElementId));
    }
}
