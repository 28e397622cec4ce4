using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Parsing;

namespace ReferralFlow.Workflows.Tests.Execution;

/// <summary>
/// MIWG C.9.1: a request waits for an answer; a non-interrupting timer sends a daily reminder (R6/P1D) and an
/// interrupting one hands over to a phone call after a week. Its receive task is outside our subset (reported),
/// so the test runs the same diagram with the waiting step drawn as a user task.
/// </summary>
public sealed class OverdueReminderPatternTests
{
    private static string C91() => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "miwg", "C.9.1.bpmn"));

    private static TestInstance Runnable()
    {
        var xml = C91()
            .Replace("<bpmn:receiveTask id=\"ReceiveTask_WaitForDocument\" name=\"Wait for answer\" messageRef=\"Message_1\">",
                "<bpmn:userTask id=\"ReceiveTask_WaitForDocument\" name=\"Wait for answer\" rf:role=\"dong\" xmlns:rf=\"http://referralflow.org/schema/bpmn/1.0\">", StringComparison.Ordinal)
            .Replace("</bpmn:receiveTask>", "</bpmn:userTask>", StringComparison.Ordinal)
            .Replace("<bpmn:userTask id=\"UserTask_CallCustomer\" name=\"Call customer\">",
                "<bpmn:userTask id=\"UserTask_CallCustomer\" name=\"Call customer\" camunda:candidateGroups=\"dong\">", StringComparison.Ordinal);
        return new TestInstance(xml);
    }

    [Fact]
    public void The_original_is_parsed_and_its_receive_task_reported()
    {
        var result = BpmnParser.Parse(C91());

        Assert.Contains(result.Errors, i => i is { Code: "unsupported-element", ElementId: "ReceiveTask_WaitForDocument" });
        Assert.Contains(result.Errors, i => i is { Code: "missing-role", ElementId: "UserTask_CallCustomer" });
        Assert.DoesNotContain(result.Issues, i => i.Code == "unreachable");
    }

    [Fact]
    public void Daily_reminders_repeat_six_times_then_the_week_timer_hands_over_to_a_call()
    {
        var instance = Runnable().Start();
        Assert.Single(instance.AllEffects.OfType<MessageRequested>());
        Assert.Equal(["ReceiveTask_WaitForDocument"], instance.OpenTasks);

        for (var day = 0; day < 6; day++)
        {
            instance.Fire("BoundaryEvent_1");
        }

        Assert.Equal(7, instance.AllEffects.OfType<MessageRequested>().Count());
        Assert.DoesNotContain(instance.State.Timers, t => t.NodeId == "BoundaryEvent_1");

        instance.Fire("BoundaryEvent_2");

        Assert.Equal(["UserTask_CallCustomer"], instance.OpenTasks);
        instance.Complete("UserTask_CallCustomer");
        Assert.Equal(InstanceStatus.Completed, instance.State.Status);
    }

    [Fact]
    public void An_answer_before_the_week_cancels_both_timers()
    {
        var instance = Runnable().Start().Fire("BoundaryEvent_1");

        instance.Complete("ReceiveTask_WaitForDocument");

        Assert.Equal(InstanceStatus.Completed, instance.State.Status);
        Assert.Equal(2, instance.LastEffects.OfType<TimerCancelled>().Count());
    }
}
