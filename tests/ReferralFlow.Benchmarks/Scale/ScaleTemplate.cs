using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Benchmarks.Scale;

/// <summary>
/// The dataset's workflow: N completed steps then one open step, all for the role <c>step</c>. One real instance is run
/// through <see cref="WorkflowRuntime"/> to that point; its state document and task ids are copied to every generated
/// instance, so the engine reads them as its own. The template instance itself is removed afterwards.
/// </summary>
internal sealed record ScaleTemplate(Guid VersionId, string StateJson, IReadOnlyList<(int TaskId, string NodeId, string Name)> Steps)
{
    public const string District = "관악구";
    public const string WorkflowKey = "scale-referral";

    public static async Task<ScaleTemplate> BuildAsync(IServiceProvider services, int stepsBefore)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
        var version = await store.SaveAndPublishAsync(District, WorkflowKey, Bpmn(stepsBefore + 1), 0, "scale-seed");
        var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var started = await runtime.StartAsync(version.Id, "template", null, new Dictionary<string, string> { ["step"] = "gwanak-hub" });
        for (var k = 0; k < stepsBefore; k++)
        {
            var open = await db.Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == started.InstanceId && t.Status == WorkTaskStatus.Open);
            await runtime.CompleteTaskAsync(started.InstanceId, open.TaskId, null, null);
        }

        var instance = await db.Instances.AsNoTracking().SingleAsync(i => i.Id == started.InstanceId);
        var steps = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == started.InstanceId).OrderBy(t => t.CreatedAt).ThenBy(t => t.TaskId)
            .Select(t => new { t.TaskId, t.NodeId, t.Name }).ToListAsync();
        await db.Instances.Where(i => i.Id == started.InstanceId).ExecuteDeleteAsync();
        return new ScaleTemplate(version.Id, instance.StateJson, [.. steps.Select(s => (s.TaskId, s.NodeId, s.Name))]);
    }

    private static string Bpmn(int steps)
    {
        var body = new StringBuilder();
        for (var k = 1; k <= steps; k++)
        {
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"""<bpmn:userTask id="s{k:D2}" name="단계 {k}" rf:role="step" rf:due="P3D"/>""");
            body.Append(System.Globalization.CultureInfo.InvariantCulture, $"""<bpmn:sequenceFlow id="f{k:D2}" sourceRef="{(k == 1 ? "start" : $"s{k - 1:D2}")}" targetRef="s{k:D2}"/>""");
        }

        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:rf="http://referralflow.org/schema/bpmn/1.0" id="d" targetNamespace="t">
              <bpmn:process id="{WorkflowKey}" name="규모 시험 의뢰" isExecutable="true">
                <bpmn:startEvent id="start"/>{body}<bpmn:endEvent id="end"/>
                <bpmn:sequenceFlow id="fend" sourceRef="s{steps:D2}" targetRef="end"/>
              </bpmn:process>
            </bpmn:definitions>
            """;
    }
}
