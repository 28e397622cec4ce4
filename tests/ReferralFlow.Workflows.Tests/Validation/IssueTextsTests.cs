using System.Text.RegularExpressions;
using ReferralFlow.Workflows.Parsing;
using ReferralFlow.Workflows.Validation;
using static ReferralFlow.Workflows.Tests.Bpmn;

namespace ReferralFlow.Workflows.Tests.Validation;

/// <summary>One catalogue of issue texts (Validation/issue-texts.json) for the engine, the host and the designer.</summary>
public sealed partial class IssueTextsTests
{
    [Fact]
    public void Every_entry_has_Korean_and_English_text_naming_the_same_arguments()
    {
        Assert.NotEmpty(IssueTexts.Entries);
        foreach (var (key, texts) in IssueTexts.Entries)
        {
            Assert.True(IssueTexts.IsComplete(key), $"'{key}' lacks ko or en text");
            Assert.Equal(Placeholders(texts["en"]), Placeholders(texts["ko"]));
        }
    }

    [Fact]
    public void Every_code_and_reason_the_engine_reports_has_both_texts()
    {
        var used = EngineSources()
            .SelectMany(source => CodeLiteral().Matches(source).Select(m => m.Groups["code"].Value)
                .Concat(ReasonLiteral().Matches(source).Select(m => m.Groups["key"].Value)))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Contains("duplicate-id", used);
        Assert.Contains("reason.sub-process", used);
        Assert.Equal([], used.Where(code => !IssueTexts.IsComplete(code)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Korean_text_is_formatted_with_the_issue_arguments()
    {
        var issue = Assert.Single(BpmnParser.Parse(Process($"""<bpmn:startEvent id="start"/><bpmn:subProcess id="sp" name="Visit"/>{Flow("f", "start", "sp")}""")).Errors);

        Assert.Equal("subProcess 'Visit': 하위 프로세스는 지원하지 않습니다. 단계를 주 프로세스에 그리세요.", issue.Text("ko"));
        Assert.Equal("subProcess 'Visit': sub-processes are not supported; draw the steps in the main process.", issue.Text("en"));
        Assert.Equal(issue.Text("en"), issue.Message);
    }

    [Fact]
    public void A_hostile_condition_is_quoted_as_a_short_excerpt()
    {
        var condition = "x == " + new string('(', 2_000_000);

        var issue = Assert.Single(BpmnParser.Parse(Process($"""
            <bpmn:startEvent id="start"/>{Task("a")}<bpmn:endEvent id="end"/>{Flow("f0", "start", "a")}{Flow("f1", "a", "end", condition)}
            """)).Issues, i => i.Code == "invalid-expression");

        Assert.True(issue.Message.Length < 400, issue.Message);
        Assert.All(issue.Arguments.Values, v => Assert.True(v.Length <= IssueTexts.MaxArgumentLength + 1));
    }

    private static SortedSet<string> Placeholders(string text) =>
        new(Placeholder().Matches(text).Select(m => m.Value), StringComparer.Ordinal);

    private static IEnumerable<string> EngineSources()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ReferralFlow.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return Directory.GetFiles(Path.Combine(directory.FullName, "workflows", "ReferralFlow.Workflows"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText);
    }

    [GeneratedRegex(@"\{@?[a-z]+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"(?:Error|Warning|Fail|AtLine\(IssueSeverity\.\w+,)\(?\s*""(?<code>[a-z]+(?:-[a-z]+)+|[a-z]+)""")]
    private static partial Regex CodeLiteral();

    [GeneratedRegex(@"""(?<key>reason\.[a-z-]+|end\.[a-z]+)""")]
    private static partial Regex ReasonLiteral();
}
