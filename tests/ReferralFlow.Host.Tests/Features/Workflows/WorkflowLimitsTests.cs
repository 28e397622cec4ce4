using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Infrastructure;
using static ReferralFlow.Host.Tests.Features.Tasks.TaskTestData;

namespace ReferralFlow.Host.Tests.Features.Workflows;

/// <summary><c>Workflows:Limits:*</c> reach the runtime: a referral looping past the limit stops with an incident.</summary>
public sealed class WorkflowLimitsTests(WorkflowLimitsTests.LimitedHostFixture host) : IClassFixture<WorkflowLimitsTests.LimitedHostFixture>
{
    private const string Key = "visit-loop";

    /// <summary>visit → plan → (done? end : visit again).</summary>
    private const string Xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:rf="http://referralflow.org/schema/bpmn/1.0"
                          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="defs_visit_loop" targetNamespace="http://referralflow.org/test">
          <bpmn:process id="visit-loop" name="Visit loop" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="visit" name="Home visit" rf:role="visit"/>
            <bpmn:userTask id="plan" name="Service plan" rf:role="plan"/>
            <bpmn:exclusiveGateway id="done" default="again"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="visit"/>
            <bpmn:sequenceFlow id="f2" sourceRef="visit" targetRef="plan"/>
            <bpmn:sequenceFlow id="f3" sourceRef="plan" targetRef="done"/>
            <bpmn:sequenceFlow id="finished" sourceRef="done" targetRef="end"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">finished</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:sequenceFlow id="again" sourceRef="done" targetRef="visit"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_referral_looping_past_the_configured_limit_waits_for_repair_with_an_incident()
    {
        var referral = await OpenReferralAsync(host, workflowKey: Key, xml: Xml);
        foreach (var step in new[] { "visit", "plan", "visit", "plan" })
        {
            await ReferralScenario.CompleteAsync(host, referral.InstanceId, step, []);
        }

        var client = await host.SignInAsync("nangok-dong.worker");
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/referrals/{referral.ReferralId}", Ct);
        var incident = Assert.Single(view.GetProperty("incidents").EnumerateArray());
        Assert.Equal("visit", incident.GetProperty("nodeId").GetString());
        Assert.Contains("2", incident.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("running", view.GetProperty("instanceStatus").GetString());
        Assert.Empty(await ListAsync(client, $"?referralId={referral.ReferralId}"));
    }

    /// <summary>Two passes through each looping step.</summary>
    public sealed class LimitedHostFixture(PostgresClusterFixture cluster) : HostFixture(cluster)
    {
        protected override void ConfigureHost(IWebHostBuilder builder) => builder.UseSetting("Workflows:Limits:MaxLoopIterations", "2");
    }
}
