using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Tests.Features.Alerts;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Features.Workflows;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Tasks.TaskTestData;

namespace ReferralFlow.Host.Tests.Features.Notifications;

/// <summary>Defence in depth: a send task's recipient is checked again before anything is mailed.</summary>
public sealed class RecipientResolverTests(MailAllowListHostFixture host) : IClassFixture<MailAllowListHostFixture>
{
    private const string Key = "mail-twice";

    /// <summary>Published straight through the store, as a workflow from before the rules would have been: one send out, one to the list.</summary>
    private static readonly string Xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:rf="http://referralflow.org/schema/bpmn/1.0"
                          id="defs_mail_twice" targetNamespace="http://referralflow.org/test">
          <bpmn:process id="mail-twice" name="Mail twice" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="visit" name="Home visit" rf:role="visit"/>
            <bpmn:userTask id="plan" name="Service plan" rf:role="plan"/>
            <bpmn:sendTask id="leak" name="Tell a stranger" rf:type="email" rf:to="x@elsewhere.example" rf:template="referral-result"/>
            <bpmn:sendTask id="team" name="Tell the team" rf:type="email" rf:to="team@gwanak.go.kr" rf:template="referral-result"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="visit"/>
            <bpmn:sequenceFlow id="f2" sourceRef="visit" targetRef="plan"/>
            <bpmn:sequenceFlow id="f3" sourceRef="plan" targetRef="leak"/>
            <bpmn:sequenceFlow id="f4" sourceRef="leak" targetRef="team"/>
            <bpmn:sequenceFlow id="f5" sourceRef="team" targetRef="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_address_outside_the_allow_list_is_not_mailed_and_leaves_a_timeline_event_while_a_listed_one_is()
    {
        var referral = await OpenReferralAsync(host, workflowKey: Key, xml: Xml);
        await ReferralScenario.CompleteAsync(host, referral.InstanceId, "visit", []);
        await ReferralScenario.CompleteAsync(host, referral.InstanceId, "plan", []);

        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(Ct);
        }

        var mail = Assert.Single(await StepAlertMail.OtherMailsAsync(host.Pickup, Ct));
        Assert.Equal(["team@gwanak.go.kr"], mail.To.Mailboxes.Select(m => m.Address));
        await using var check = host.Factory.Services.CreateAsyncScope();
        var workflow = check.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var leak = await workflow.Outbox.AsNoTracking().SingleAsync(m => m.InstanceId == referral.InstanceId && m.NodeId == "leak", Ct);
        Assert.Equal((OutboxStatus.Failed, (DateTimeOffset?)null), (leak.Status, leak.SentAt));
        var refused = await workflow.Timeline.AsNoTracking().SingleAsync(e => e.InstanceId == referral.InstanceId && e.Type == RecipientResolver.MessageRefusedEvent, Ct);
        Assert.Equal("leak", refused.NodeId);
        Assert.Contains("x@elsewhere.example", refused.DataJson, StringComparison.Ordinal);
        Assert.Contains("allow-list", refused.DataJson, StringComparison.Ordinal);
    }
}
