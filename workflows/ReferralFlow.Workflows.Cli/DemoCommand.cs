using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Workflows.Cli;

/// <summary>
/// <c>demo [template-id]</c>: runs a bundled template end to end in memory. Every open task is completed one day
/// after it was created with plausible outcome values; when no task is open, the next timer fires.
/// </summary>
public static class DemoCommand
{
    private const string DefaultTemplate = "hoarding-household";

    // A badly looping template must not run forever.
    private const int MaxCommands = 500;

    private static readonly TimeSpan Korea = TimeSpan.FromHours(9);
    private static readonly TimeSpan WorkTime = TimeSpan.FromDays(1);

    public static int Run(string[] args, TimeProvider time)
    {
        var template = ParsedTemplate.Find(args.Length > 0 ? args[0] : DefaultTemplate);
        if (!template.Result.IsValid)
        {
            ValidateCommand.Print(template.Key, template.Result);
            return 1;
        }

        var definition = template.Result.Definition!;
        var clock = time.GetUtcNow().ToOffset(Korea);
        var timeline = new Timeline(definition, Console.Out);
        Console.WriteLine($"데모 Demo: {definition.Name} ({definition.Id})");
        Console.WriteLine();

        var result = WorkflowInterpreter.Execute(definition, InstanceState.Empty, new StartInstance(), clock);
        timeline.Line(clock, "의뢰 시작 Referral started");
        timeline.Write(clock, result.Effects);
        var created = new Dictionary<int, DateTimeOffset>();
        Track(result.Effects, clock, created);
        var visits = new Dictionary<string, int>(StringComparer.Ordinal);
        var commands = 1;

        while (result.State.Status == InstanceStatus.Running && commands < MaxCommands)
        {
            WorkflowCommand command;
            var task = result.State.Tokens.Where(t => t.State == TokenState.AtTask).MinBy(t => created.GetValueOrDefault(t.Id));
            if (task is not null)
            {
                var userTask = (UserTask)definition.GetNode(task.NodeId);
                clock = Max(clock, created.GetValueOrDefault(task.Id, clock) + WorkTime);
                var visit = visits[task.NodeId] = visits.GetValueOrDefault(task.NodeId) + 1;
                var outcome = DemoOutcomes.For(userTask, visit, clock);
                timeline.Line(clock, $"입력 Outcome #{task.Id} {userTask.DisplayName}: {DemoOutcomes.Describe(outcome)}");
                command = new CompleteTask(task.Id, outcome);
            }
            else if (result.State.Timers.MinBy(t => t.DueAt) is { } timer)
            {
                clock = Max(clock, timer.DueAt);
                command = new FireTimer(timer.Id);
            }
            else
            {
                timeline.Line(clock, "진행 불가 Stuck: no open task and no pending timer (incident); needs repair.");
                break;
            }

            result = WorkflowInterpreter.Execute(definition, result.State, command, clock);
            commands++;
            timeline.Write(clock, result.Effects);
            Track(result.Effects, clock, created);
        }

        Console.WriteLine();
        Console.WriteLine($"최종 상태 Final status: {Korean(result.State.Status)} {result.State.Status} — {commands} commands, {visits.Values.Sum()} tasks completed");
        return result.State.Status is InstanceStatus.Completed or InstanceStatus.Terminated ? 0 : 1;
    }

    private static void Track(IEnumerable<ExecutionEffect> effects, DateTimeOffset now, Dictionary<int, DateTimeOffset> created)
    {
        foreach (var effect in effects.OfType<TaskCreated>())
        {
            created[effect.TaskId] = now;
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a >= b ? a : b;

    private static string Korean(InstanceStatus status) => status switch
    {
        InstanceStatus.Completed => "완료",
        InstanceStatus.Terminated => "종료",
        InstanceStatus.Cancelled => "취소",
        InstanceStatus.Running => "진행 중",
        _ => "시작 전",
    };
}
