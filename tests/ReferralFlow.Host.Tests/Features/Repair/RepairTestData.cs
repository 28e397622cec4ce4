using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Tests.Features.Repair;

/// <summary>
/// Creates workflows and referrals through the host's services (not the referrals API), so the repair and audit tests
/// do not depend on it: publish a definition, start its instance with the role allocation, insert the referral row.
/// </summary>
internal static class RepairTestData
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Dong visits, then the welfare centre does <paramref name="second"/>; start → visit → second → end.</summary>
    public static string VisitThen(string key, string second = "assess") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:rf="http://referralflow.org/schema/bpmn/1.0"
                          id="defs_{key}" targetNamespace="http://referralflow.org/test">
          <bpmn:process id="{key}" name="repair test" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="visit" name="방문" rf:role="dong-centre"/>
            <bpmn:userTask id="{second}" name="{second}" rf:role="welfare-centre"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="visit"/>
            <bpmn:sequenceFlow id="f2" sourceRef="visit" targetRef="{second}"/>
            <bpmn:sequenceFlow id="f3" sourceRef="{second}" targetRef="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    public static string NewKey() => $"repair-{Guid.NewGuid():N}"[..20];

    public static async Task<PublishedWorkflowVersion> PublishAsync(HostFixture host, string key, string xml)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
        await store.SaveDraftAsync(DemoData.District, key, xml, expectedRevision: null, Ct);
        return await store.PublishAsync(DemoData.District, key, "test", Ct);
    }

    /// <summary>A running referral of nangok-dong with sillim-welfare as the welfare centre.</summary>
    public static async Task<Referral> CreateReferralAsync(HostFixture host, PublishedWorkflowVersion version)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var roles = new Dictionary<string, string> { ["dong-centre"] = "nangok-dong", ["welfare-centre"] = "sillim-welfare" };
        var number = $"T-{Guid.NewGuid():N}"[..14];
        var started = await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().StartAsync(version.Id, number, null, roles, Ct);
        var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        var id = Guid.NewGuid();
        var referral = new Referral
        {
            Id = id,
            Number = number,
            WorkflowKey = version.Key,
            WorkflowVersion = version.Version,
            InstanceId = started.InstanceId,
            Status = ReferralStatus.InProgress,
            District = "관악구",
            Dong = "난곡동",
            ReferringAgencyId = "nangok-dong",
            PublicOwnerAgencyId = "nangok-dong",
            Household = new Household { Name = "테스트 가구" },
            OpenedAt = host.Clock.GetUtcNow(),
            RetainUntil = host.Clock.GetUtcNow().AddYears(5),
            Revision = 1,
            Participants = [.. roles.Select(r => new ReferralParticipant { ReferralId = id, RoleKey = r.Key, AgencyId = r.Value })],
        };
        db.Referrals.Add(referral);
        await db.SaveChangesAsync(Ct);
        return referral;
    }

    public static async Task<int> OpenTaskIdAsync(HostFixture host, Referral referral, string nodeId)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var workflow = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        return await workflow.Tasks.Where(t => t.InstanceId == referral.InstanceId && t.NodeId == nodeId && t.Status == WorkTaskStatus.Open)
            .OrderBy(t => t.TaskId).Select(t => t.TaskId).FirstAsync(Ct);
    }

    public static async Task CompleteAsync(HostFixture host, Referral referral, string nodeId)
    {
        var taskId = await OpenTaskIdAsync(host, referral, nodeId);
        await using var scope = host.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().CompleteTaskAsync(referral.InstanceId, taskId, null, null, Ct);
    }

    public static async Task<List<TimelineEventRecord>> TimelineAsync(HostFixture host, Referral referral)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Timeline.AsNoTracking()
            .Where(e => e.InstanceId == referral.InstanceId).OrderBy(e => e.Id).ToListAsync(Ct);
    }

    public static async Task<Referral> ReloadAsync(HostFixture host, Referral referral)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().Referrals.AsNoTracking().SingleAsync(r => r.Id == referral.Id, Ct);
    }
}
