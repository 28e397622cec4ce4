using System.Text.Json;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Parsing;

namespace ReferralFlow.Workflows.Tests.Designer;

/// <summary>
/// The designer's moddle descriptor (designer/src/moddle/rf.json) and this parser share one contract: the fixtures in
/// designer/test/fixtures. The designer's Vitest round trip reads the same files and the same expected JSON.
/// </summary>
public sealed class ModdleContractTests
{
    private static readonly string Fixtures = Path.Combine(RepoRoot(), "designer", "test", "fixtures");

    public static TheoryData<string> FixtureFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Fixtures, "*.bpmn").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FixtureFiles))]
    public void Every_designer_fixture_parses_without_errors(string file)
    {
        var result = BpmnParser.Parse(File.ReadAllText(Path.Combine(Fixtures, file)));

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
    }

    [Fact]
    public void The_contract_fixture_reads_as_the_expected_json_says()
    {
        var definition = BpmnParser.Parse(File.ReadAllText(Path.Combine(Fixtures, "rf-contract.bpmn"))).Definition!;
        using var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures, "rf-contract.expected.json")));
        var root = expected.RootElement;
        Assert.Equal(root.GetProperty("process").GetString(), definition.Id);

        foreach (var lane in root.GetProperty("lanes").EnumerateObject())
        {
            Assert.Equal(lane.Value.GetString(), definition.Lanes.Single(l => l.Id == lane.Name).RoleKey);
        }

        foreach (var entry in root.GetProperty("userTasks").EnumerateObject())
        {
            var task = Assert.IsType<UserTask>(definition.GetNode(entry.Name));
            var want = entry.Value;
            Assert.Equal(want.GetProperty("role").GetString() ?? task.Lane?.RoleKey, task.RoleKey);
            Assert.Equal(want.GetProperty("due").GetString(), task.Due?.ToString());
            Assert.Equal(want.TryGetProperty("dueCalendar", out var calendar) && calendar.GetString() == "working", task.DueInWorkingDays);
            Assert.Equal(want.GetProperty("escalation").GetString(), task.EscalationPolicy);
            var fields = want.GetProperty("fields").EnumerateArray().ToList();
            Assert.Equal(fields.Count, task.Fields.Count);
            for (var i = 0; i < fields.Count; i++)
            {
                var field = task.Fields[i];
                Assert.Equal(fields[i].GetProperty("id").GetString(), field.Id);
                Assert.Equal(fields[i].GetProperty("type").GetString(), field.Type.ToString(), ignoreCase: true);
                Assert.Equal(fields[i].GetProperty("label").GetString(), field.Label);
                Assert.Equal(fields[i].GetProperty("required").GetBoolean(), field.Required);
                // Like dueCalendar, a missing "health" key means the attribute is absent (not health data).
                Assert.Equal(fields[i].TryGetProperty("health", out var health) && health.GetBoolean(), field.Health);
                var options = fields[i].GetProperty("options").EnumerateArray()
                    .Select(o => new FormFieldOption(o.GetProperty("value").GetString()!, o.GetProperty("label").GetString()));
                Assert.Equal(options, field.Options);
            }
        }

        foreach (var entry in root.GetProperty("sendTasks").EnumerateObject())
        {
            var task = Assert.IsType<SendTask>(definition.GetNode(entry.Name));
            Assert.Equal(entry.Value.GetProperty("type").GetString(), task.SendType);
            Assert.Equal(entry.Value.GetProperty("to").GetString(), task.To);
            Assert.Equal(entry.Value.GetProperty("template").GetString(), task.Template);
        }

        foreach (var entry in root.GetProperty("conditions").EnumerateObject())
        {
            Assert.True(definition.TryGetFlow(entry.Name, out var flow));
            Assert.Equal(entry.Value.GetString(), flow.Condition?.Source);
        }
    }

    [Fact]
    public void The_moddle_descriptor_declares_the_namespace_the_parser_reads()
    {
        using var descriptor = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "designer", "src", "moddle", "rf.json")));

        Assert.Equal(BpmnNames.Rf.NamespaceName, descriptor.RootElement.GetProperty("uri").GetString());
        Assert.Equal("rf", descriptor.RootElement.GetProperty("prefix").GetString());
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReferralFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ReferralFlow.sln was not found above " + AppContext.BaseDirectory);
    }
}
