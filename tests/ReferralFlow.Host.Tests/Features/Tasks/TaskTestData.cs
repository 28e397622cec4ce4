using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Tests.Features.Tasks;

/// <summary>
/// Referrals with tasks, made through the host's services rather than the referrals API (so these tests stand alone):
/// publish a small workflow, start its instance with the role allocation, insert the referral row with consent.
/// The workflow: a home <c>visit</c> (role <c>visit</c>, due in 3 days, an outcome form) → a service <c>plan</c>
/// (role <c>plan</c>, due in 10 days) → end.
/// </summary>
internal static class TaskTestData
{
    public const string WorkflowKey = "task-test";

    public const string Xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:rf="http://referralflow.org/schema/bpmn/1.0"
                          id="defs_task_test" targetNamespace="http://referralflow.org/test">
          <bpmn:process id="task-test" name="Task test" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="visit" name="Home visit" rf:role="visit" rf:due="P3D">
              <bpmn:documentation>Visit the household within three days.</bpmn:documentation>
              <bpmn:extensionElements>
                <rf:field id="visitDate" type="date" label="Visit date" required="true"/>
                <rf:field id="members" type="number" label="Household members"/>
                <rf:field id="consent" type="boolean" label="Consent obtained" required="true"/>
                <rf:field id="risk" type="select" label="Risk level" required="true"><rf:option value="low" label="Low"/><rf:option value="high" label="High"/></rf:field>
                <rf:field id="summary" type="textarea" label="Summary"/>
              </bpmn:extensionElements>
            </bpmn:userTask>
            <bpmn:userTask id="plan" name="Service plan" rf:role="plan" rf:due="P10D"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="visit"/>
            <bpmn:sequenceFlow id="f2" sourceRef="visit" targetRef="plan"/>
            <bpmn:sequenceFlow id="f3" sourceRef="plan" targetRef="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>Two steps in parallel: <c>clean</c> (role <c>visit</c>) and <c>meals</c> (role <c>plan</c>), then end.</summary>
    public const string ParallelKey = "task-test-parallel";

    public const string ParallelXml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:rf="http://referralflow.org/schema/bpmn/1.0"
                          id="defs_task_test_parallel" targetNamespace="http://referralflow.org/test">
          <bpmn:process id="task-test-parallel" name="Task test (parallel)" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:parallelGateway id="fork"/>
            <bpmn:userTask id="clean" name="Clean-out" rf:role="visit"/>
            <bpmn:userTask id="meals" name="Meals" rf:role="plan"/>
            <bpmn:parallelGateway id="join"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
            <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="clean"/>
            <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="meals"/>
            <bpmn:sequenceFlow id="f4" sourceRef="clean" targetRef="join"/>
            <bpmn:sequenceFlow id="f5" sourceRef="meals" targetRef="join"/>
            <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>A valid outcome of the visit form.</summary>
    public static readonly object VisitOutcome = new { visitDate = "2026-03-03", members = 2, consent = true, risk = "high", summary = "Cluttered flat." };

    private static readonly ConditionalWeakTable<HostFixture, ConcurrentDictionary<string, (HttpClient Client, DateTimeOffset SignedInAt)>> Clients = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The referral, its instance, and its first task row (<c>visit</c>, or <c>clean</c> in the parallel workflow).</summary>
    public sealed record Opened(Guid ReferralId, string Number, Guid InstanceId, Guid VisitTaskId);

    /// <summary>Opens a referral: <paramref name="visit"/> fills the visit role, <paramref name="plan"/> the plan role.</summary>
    public static async Task<Opened> OpenReferralAsync(
        HostFixture host, string visit = "nangok-dong", string plan = "sillim-welfare", string referrer = "nangok-dong",
        string[]? consentFor = null, string dong = "난곡동", string workflowKey = WorkflowKey, string? xml = null)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var store = services.GetRequiredService<DefinitionStore>();
        var version = await store.GetVersionAsync(DemoData.District, workflowKey, cancellationToken: Ct);
        if (version is null)
        {
            await store.SaveDraftAsync(DemoData.District, workflowKey, xml ?? (workflowKey == ParallelKey ? ParallelXml : Xml), expectedRevision: null, Ct);
            version = await store.PublishAsync(DemoData.District, workflowKey, "test", Ct);
        }

        var roles = new Dictionary<string, string> { ["visit"] = visit, ["plan"] = plan };
        var number = $"TT-{Guid.NewGuid():N}"[..15];
        var started = await services.GetRequiredService<WorkflowRuntime>().StartAsync(version.Id, number, null, roles, Ct);
        var db = services.GetRequiredService<ReferralFlowDbContext>();
        var now = host.Clock.GetUtcNow();
        var id = Guid.NewGuid();
        db.Referrals.Add(new Referral
        {
            Id = id,
            Number = number,
            WorkflowKey = version.Key,
            WorkflowVersion = version.Version,
            InstanceId = started.InstanceId,
            Status = ReferralStatus.InProgress,
            District = DemoData.District,
            Dong = dong,
            ReferringAgencyId = referrer,
            PublicOwnerAgencyId = referrer,
            Household = new Household { Name = "홍길동", Members = 1 },
            OpenedAt = now,
            RetainUntil = now.AddYears(5),
            Revision = 1,
            Participants = [.. roles.Select(r => new ReferralParticipant { ReferralId = id, RoleKey = r.Key, AgencyId = r.Value })],
            Consents =
            [
                .. (consentFor ?? [referrer, visit, plan]).Distinct().SelectMany(agency => new[] { ConsentCategories.Basic, ConsentCategories.Living }.Select(category => new ReferralConsent
                {
                    Id = Guid.NewGuid(), ReferralId = id, AgencyId = agency, Category = category, ConsentedBy = "홍길동", Relationship = "본인",
                    ConsentedAt = now, Method = "written", RecordedAt = now,
                })),
            ],
        });
        await db.SaveChangesAsync(Ct);
        var task = await services.GetRequiredService<WorkflowDbContext>().Tasks.Where(t => t.InstanceId == started.InstanceId).OrderBy(t => t.TaskId).FirstAsync(Ct);
        return new Opened(id, number, started.InstanceId, task.Id);
    }

    public static async Task<WorkTaskRecord> TaskRowAsync(HostFixture host, Guid taskId)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Tasks.AsNoTracking().SingleAsync(t => t.Id == taskId, Ct);
    }

    public static async Task<List<WorkTaskRecord>> TaskRowsAsync(HostFixture host, Guid instanceId)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Tasks.AsNoTracking()
            .Where(t => t.InstanceId == instanceId).OrderBy(t => t.TaskId).ToListAsync(Ct);
    }

    public static async Task<List<TimelineEventRecord>> TimelineAsync(HostFixture host, Guid instanceId, string type)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Timeline.AsNoTracking()
            .Where(e => e.InstanceId == instanceId && e.Type == type).OrderBy(e => e.Id).ToListAsync(Ct);
    }

    public static async Task<List<AuditEntry>> AuditAsync(HostFixture host, Guid referralId, string action)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().AuditLog.AsNoTracking()
            .Where(a => a.ReferralId == referralId && a.Action == action).ToListAsync(Ct);
    }

    public static async Task<Guid> UserIdAsync(HostFixture host, string login)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var email = DemoData.Email(login);
        return await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
    }

    /// <summary>
    /// A signed-in client per worker, reused across the tests of a host: sign-in is rate-limited per address (20 a
    /// minute). Signs in again once the fake clock has moved on past the token's lifetime.
    /// </summary>
    public static async Task<HttpClient> SignInOnceAsync(this HostFixture host, string login)
    {
        var clients = Clients.GetOrCreateValue(host);
        var now = host.Clock.GetUtcNow();
        if (clients.TryGetValue(login, out var cached) && now - cached.SignedInAt < TimeSpan.FromHours(1))
        {
            return cached.Client;
        }

        var client = await host.SignInAsync(login);
        clients[login] = (client, now);
        return client;
    }

    /// <summary>Every item of <c>GET /api/tasks{query}</c>, page by page.</summary>
    public static async Task<List<JsonElement>> ListAsync(HttpClient client, string query = "") =>
        [.. await client.GetAllItemsAsync($"/api/tasks{query}")];

    public static Guid Id(JsonElement item) => item.GetProperty("id").GetGuid();

    /// <summary>The <c>errors</c> keys of a validation problem.</summary>
    public static async Task<List<string>> ErrorKeysAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }
}
