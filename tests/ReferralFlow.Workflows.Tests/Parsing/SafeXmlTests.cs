using ReferralFlow.Workflows.Parsing;

namespace ReferralFlow.Workflows.Tests.Parsing;

public sealed class SafeXmlTests
{
    [Fact]
    public void Parse_rejects_a_document_type_definition()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">&lol2;</bpmn:definitions>
            """;

        var result = BpmnParser.Parse(xml);

        Assert.Null(result.Definition);
        Assert.Equal("dtd-prohibited", Assert.Single(result.Issues).Code);
    }

    [Fact]
    public void Parse_rejects_an_external_entity()
    {
        var xml = """
            <?xml version="1.0"?>
            <!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"><bpmn:process id="p">&xxe;</bpmn:process></bpmn:definitions>
            """;

        var issue = Assert.Single(BpmnParser.Parse(xml).Issues);

        Assert.Equal("dtd-prohibited", issue.Code);
        Assert.DoesNotContain("root:", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_rejects_an_oversized_document()
    {
        var xml = Bpmn.Process(new string(' ', 2_000));

        var result = BpmnParser.Parse(xml, new BpmnParserOptions { MaxCharacters = 1_000 });

        Assert.Equal("document-too-large", Assert.Single(result.Issues).Code);
    }

    [Fact]
    public void Parse_rejects_deep_nesting_without_recursing()
    {
        var depth = 100_000;
        var xml = "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">"
            + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth))
            + "</bpmn:definitions>";

        var result = BpmnParser.Parse(xml);

        Assert.Equal("document-too-deep", Assert.Single(result.Issues).Code);
    }

    [Theory]
    [InlineData("", "empty-document")]
    [InlineData("   ", "empty-document")]
    [InlineData("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">", "malformed-xml")]
    [InlineData("not xml at all", "malformed-xml")]
    [InlineData("<definitions/>", "not-bpmn")]
    [InlineData("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>", "no-process")]
    public void Parse_reports_unreadable_documents_with_a_code(string xml, string code)
    {
        var result = BpmnParser.Parse(xml);

        Assert.False(result.IsValid);
        Assert.Equal(code, Assert.Single(result.Issues).Code);
    }

    [Fact]
    public void Malformed_xml_issue_carries_the_line()
    {
        var result = BpmnParser.Parse("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n<bpmn:process id=\"p\">\n</bpmn:definitions>");

        Assert.Equal(3, Assert.Single(result.Issues).Line);
    }
}
