using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Parsing;
using ReferralFlow.Workflows.Templates;
using ReferralFlow.Workflows.Tests.Execution;

namespace ReferralFlow.Workflows.Tests.Templates;

public sealed class BundledTemplatesTests
{
    public static TheoryData<string> Keys() => [.. BundledTemplates.All.Select(t => t.Key)];

    [Fact]
    public void The_three_required_templates_are_bundled()
    {
        Assert.Superset(
            new HashSet<string> { "hoarding-household", "integrated-case-management", "discharge-elderly-alone" },
            Keys().Select(k => (string)k.Data).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Template_passes_the_validator_without_warnings(string key)
    {
        var result = BpmnParser.Parse(BundledTemplates.Find(key)!.Xml);

        Assert.True(result.IsValid, string.Join("\n", result.Issues));
        Assert.Empty(result.Issues);
        Assert.Equal(key, result.Definition!.Id);
        Assert.All(result.Definition.NodeList.OfType<UserTask>(), t => Assert.NotNull(t.Due));
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Template_runs_end_to_end_when_every_need_applies(string key) =>
        RunToCompletion(key, allNeeds: true);

    [Theory]
    [MemberData(nameof(Keys))]
    public void Template_runs_end_to_end_when_no_need_applies(string key) =>
        RunToCompletion(key, allNeeds: false);

    [Fact]
    public void The_health_centres_screening_result_is_health_data_and_the_assessment_is_not()
    {
        var definition = BpmnParser.Parse(BundledTemplates.Find("hoarding-household")!.Xml).Definition!;
        var fields = definition.NodeList.OfType<UserTask>().SelectMany(t => t.Fields).ToList();

        Assert.True(fields.Single(f => f.Id == "dementiaScreening").Health);
        Assert.False(fields.Single(f => f.Id == "riskLevel").Health);
        // The health centre's findings are health data; only the date of the check-up is not.
        Assert.All(definition.NodeList.OfType<UserTask>().Where(t => t.RoleKey == "health").SelectMany(t => t.Fields).Where(f => f.Type != FormFieldType.Date),
            f => Assert.True(f.Health, f.Id));
    }

    [Fact]
    public void Hoarding_assessment_decides_which_splits_apply()
    {
        var instance = new TestInstance(BpmnParser.Parse(BundledTemplates.Find("hoarding-household")!.Xml).Definition!).Start();
        var fork = (InclusiveGateway)instance.Definition.NodeList.Single(n => n is InclusiveGateway { Outgoing.Count: > 1 });
        var decided = new Dictionary<string, object?>(StringComparer.Ordinal) { ["needsHealthCheck"] = true, ["needsMeals"] = true };

        while (!instance.State.Tokens.Any(t => t.State == TokenState.AtTask && IsBranchTask(instance.Definition, fork, t.NodeId)))
        {
            var open = instance.State.Tokens.First(t => t.State == TokenState.AtTask);
            instance.Apply(new CompleteTask(open.Id, Outcome((UserTask)instance.Definition.GetNode(open.NodeId), decided)));
        }

        var roles = instance.State.Tokens.Where(t => t.State == TokenState.AtTask)
            .Select(t => ((UserTask)instance.Definition.GetNode(t.NodeId)).RoleKey).Order(StringComparer.Ordinal);
        Assert.Equal(["health", "meals"], roles);
    }

    private static bool IsBranchTask(WorkflowDefinition definition, InclusiveGateway fork, string nodeId) =>
        fork.Outgoing.Any(f => f.Target.Id == nodeId) && definition.GetNode(nodeId) is UserTask;

    private static void RunToCompletion(string key, bool allNeeds)
    {
        var instance = new TestInstance(BpmnParser.Parse(BundledTemplates.Find(key)!.Xml).Definition!).Start();
        var visits = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var step = 0; step < 500 && instance.State.Status == InstanceStatus.Running; step++)
        {
            Assert.DoesNotContain(instance.State.Tokens, t => t.State == TokenState.Incident);
            var open = instance.State.Tokens.FirstOrDefault(t => t.State == TokenState.AtTask);
            if (open is null)
            {
                instance.Fire(instance.State.Timers.MinBy(t => t.DueAt)!.NodeId);
                continue;
            }

            var task = (UserTask)instance.Definition.GetNode(open.NodeId);
            visits[task.Id] = visits.GetValueOrDefault(task.Id) + 1;
            instance.Apply(new CompleteTask(open.Id, Outcome(task, allNeeds ? null : [], visits[task.Id])));
        }

        Assert.Equal(InstanceStatus.Completed, instance.State.Status);
    }

    // Booleans follow `decided` when given (missing = false), else true. Selects take the last option on a first
    // visit and the first option after, so each template's review loop runs once and is then left.
    private static Dictionary<string, object?> Outcome(UserTask task, Dictionary<string, object?>? decided, int visit = 1)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in task.Fields)
        {
            values[field.Id] = field.Type switch
            {
                FormFieldType.Boolean when field.Id.StartsWith("needs", StringComparison.Ordinal) && !field.Id.Contains("Reassess", StringComparison.Ordinal) =>
                    decided is null || (decided.TryGetValue(field.Id, out var v) && v is true),
                FormFieldType.Boolean => false,
                FormFieldType.Select => visit == 1 ? field.Options[^1].Value : field.Options[0].Value,
                FormFieldType.Number => 1m,
                FormFieldType.Date => "2026-03-02",
                _ => "확인",
            };
        }

        return values;
    }
}
