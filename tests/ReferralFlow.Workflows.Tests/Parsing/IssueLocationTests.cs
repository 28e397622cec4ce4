using ReferralFlow.Workflows.Parsing;
using static ReferralFlow.Workflows.Tests.Bpmn;

namespace ReferralFlow.Workflows.Tests.Parsing;

/// <summary>Every issue has a line where the document has one, document-level ones included.</summary>
public sealed class IssueLocationTests
{
    [Fact]
    public void A_document_type_definition_is_reported_on_its_line()
    {
        var issue = Assert.Single(BpmnParser.Parse("<?xml version=\"1.0\"?>\n\n<!DOCTYPE d [<!ENTITY x \"y\">]>\n<d/>").Issues);

        Assert.Equal(("dtd-prohibited", 3), (issue.Code, issue.Line));
    }

    [Fact]
    public void Too_deep_nesting_is_reported_on_the_line_where_it_happens()
    {
        var xml = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n"
            + string.Concat(Enumerable.Repeat("<a>", 10)) + "\n" + string.Concat(Enumerable.Repeat("<a>", 100)) + string.Concat(Enumerable.Repeat("</a>", 110))
            + "</bpmn:definitions>";

        var issue = Assert.Single(BpmnParser.Parse(xml).Issues);

        Assert.Equal(("document-too-deep", 3), (issue.Code, issue.Line));
    }

    [Fact]
    public void Too_many_elements_stops_the_report_at_one_issue()
    {
        var tasks = string.Concat(Enumerable.Range(0, 60).Select(i => $"""<bpmn:task id="t{i}"/>"""));

        var result = BpmnParser.Parse(Process(tasks), new BpmnParserOptions { MaxElements = 50 });

        var issue = Assert.Single(result.Issues);
        Assert.Equal(("too-many-elements", 7), (issue.Code, issue.Line));
        Assert.Null(result.Definition);
    }

    [Fact]
    public void Process_level_issues_point_at_the_process()
    {
        var result = BpmnParser.Parse(Process(Task("a")));

        Assert.All(result.Issues, i => Assert.NotNull(i.Line));
        Assert.Equal(7, Assert.Single(result.Issues, i => i.Code == "no-start-event").Line);
    }

    [Fact]
    public void A_missing_process_is_reported_on_the_root_element()
    {
        var issue = Assert.Single(BpmnParser.Parse("<?xml version=\"1.0\"?>\n<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>").Issues);

        Assert.Equal(("no-process", 2), (issue.Code, issue.Line));
    }
}
