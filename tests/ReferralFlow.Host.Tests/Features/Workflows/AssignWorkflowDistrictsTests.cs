using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Features.Workflows;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Tasks.TaskTestData;

namespace ReferralFlow.Host.Tests.Features.Workflows;

/// <summary>
/// Workflows stored before districts owned them (district empty after the migration) get the district of the referrals
/// that use them; one used by two districts is split; an unused one goes to every district with agencies.
/// </summary>
public sealed class AssignWorkflowDistrictsTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Unused = "legacy-unused";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Old_workflows_go_to_the_districts_that_use_them_and_a_second_district_gets_its_own_copy()
    {
        await OtherDistrict.EnsureAsync(host);
        var gwanak1 = await OpenReferralAsync(host);
        var gwanak2 = await OpenReferralAsync(host);
        var seocho = await OpenReferralAsync(host);
        Guid originalId;
        Guid originalVersion;
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            await services.GetRequiredService<DefinitionStore>().SaveDraftAsync(DemoData.District, Unused, TestBpmn.Simple(Unused), null, Ct);
            await services.GetRequiredService<ReferralFlowDbContext>().Referrals.Where(r => r.Id == seocho.ReferralId)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.District, OtherDistrict.District), Ct);
            var workflow = services.GetRequiredService<WorkflowDbContext>();
            originalId = await workflow.Definitions.Where(d => d.Key == WorkflowKey).Select(d => d.Id).SingleAsync(Ct);
            originalVersion = await workflow.Versions.Where(v => v.DefinitionId == originalId).Select(v => v.Id).SingleAsync(Ct);

            // What the migration leaves behind: no owner.
            await workflow.Definitions.Where(d => d.Key == WorkflowKey || d.Key == Unused)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.District, ""), Ct);
        }

        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            await new AssignWorkflowDistricts(NullLogger<AssignWorkflowDistricts>.Instance).RunAsync(scope.ServiceProvider, Ct);
        }

        await using var check = host.Factory.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var owners = await db.Definitions.AsNoTracking().Where(d => d.Key == WorkflowKey || d.Key == Unused)
            .Select(d => new { d.Id, d.Key, d.District }).ToListAsync(Ct);
        Assert.DoesNotContain(owners, d => d.District == "");
        Assert.Equal(originalId, owners.Single(d => d.Key == WorkflowKey && d.District == DemoData.District).Id);
        var copy = owners.Single(d => d.Key == WorkflowKey && d.District == OtherDistrict.District);
        var copiedVersion = await db.Versions.AsNoTracking().SingleAsync(v => v.DefinitionId == copy.Id, Ct);
        Assert.Equal((1, Xml), (copiedVersion.Version, copiedVersion.Xml));
        Assert.Equal(copiedVersion.Id, await VersionOfAsync(db, seocho.InstanceId));
        Assert.Equal(originalVersion, await VersionOfAsync(db, gwanak1.InstanceId));
        Assert.Equal(originalVersion, await VersionOfAsync(db, gwanak2.InstanceId));
        // A workflow no referral uses goes to every district with agencies: the demo's two and 서초구.
        Assert.Equal(new[] { DemoData.District, DemoData.OtherDistrict, OtherDistrict.District }.Order(StringComparer.Ordinal), owners.Where(d => d.Key == Unused).Select(d => d.District).Order(StringComparer.Ordinal));
    }

    private static Task<Guid> VersionOfAsync(WorkflowDbContext db, Guid instanceId) =>
        db.Instances.AsNoTracking().Where(i => i.Id == instanceId).Select(i => i.VersionId).SingleAsync(Ct);
}
