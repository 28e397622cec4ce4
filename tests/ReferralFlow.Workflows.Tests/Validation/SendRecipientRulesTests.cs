using ReferralFlow.Workflows.Parsing;
using ReferralFlow.Workflows.Validation;
using static ReferralFlow.Workflows.Tests.Bpmn;

namespace ReferralFlow.Workflows.Tests.Validation;

/// <summary>Send tasks may address roles, the referrer, the district's agencies and allow-listed addresses only.</summary>
public sealed class SendRecipientRulesTests
{
    private static readonly SendRecipientRules Rules = new()
    {
        Agencies = new HashSet<string>(StringComparer.Ordinal) { "nangok-dong", "gwanak-hub" },
        Addresses = ["team@gwanak.go.kr", "@welfare.gwanak.go.kr"],
    };

    private static string WithSend(string to, string type = "email") => Process($"""
        <bpmn:startEvent id="start"/>{Task("visit", "dong")}<bpmn:sendTask id="Send_Result" name="결과 알림" rf:type="{type}" rf:to="{to}"/><bpmn:endEvent id="end"/>
        {Flow("f1", "start", "visit")}{Flow("f2", "visit", "Send_Result")}{Flow("f3", "Send_Result", "end")}
        """);

    [Theory]
    [InlineData("x@elsewhere.example")]
    [InlineData("agency:other-district-centre")]
    [InlineData("user:0193a2a0-0000-7000-8000-000000000001")]
    [InlineData("hub:서초구")]
    [InlineData("supervisors:nangok-dong")]
    [InlineData("role:plumbing")]
    [InlineData("team@gwanak.go.kr, x@elsewhere.example")]
    [InlineData("x@evil.example.welfare.gwanak.go.kr.evil")]
    public void A_recipient_outside_the_rules_is_an_error_on_the_send_task(string to)
    {
        var result = BpmnParser.Parse(WithSend(to), new BpmnParserOptions { SendRecipients = Rules });

        var issue = Assert.Single(result.Errors);
        Assert.Equal(("send-to-not-allowed", "Send_Result"), (issue.Code, issue.ElementId));
        Assert.NotNull(issue.Line);
        Assert.Contains(to, issue.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("role:dong")]
    [InlineData("referrer")]
    [InlineData("agency:gwanak-hub")]
    [InlineData("team@gwanak.go.kr")]
    [InlineData("TEAM@Gwanak.go.kr")]
    [InlineData("case.kim@welfare.gwanak.go.kr")]
    public void Roles_the_referrer_district_agencies_and_listed_addresses_are_allowed(string to)
    {
        var result = BpmnParser.Parse(WithSend(to), new BpmnParserOptions { SendRecipients = Rules });

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void A_notify_referrer_task_cannot_be_redirected_with_rf_to()
    {
        var result = BpmnParser.Parse(WithSend("x@elsewhere.example", type: "notify-referrer"), new BpmnParserOptions { SendRecipients = Rules });

        Assert.Equal("send-to-not-allowed", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Without_rules_the_engine_alone_does_not_judge_recipients()
    {
        Assert.True(BpmnParser.Parse(WithSend("x@elsewhere.example")).IsValid);
    }

    [Fact]
    public void At_run_time_any_role_is_accepted_because_the_allocation_decides()
    {
        Assert.Null(Rules.Refusal("role:anything", roles: null));
        Assert.NotNull(Rules.Refusal("x@elsewhere.example", roles: null));
    }
}
