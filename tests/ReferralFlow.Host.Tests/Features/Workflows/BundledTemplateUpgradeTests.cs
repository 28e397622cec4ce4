using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Features.Workflows;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;
using ReferralFlow.Workflows.Templates;

namespace ReferralFlow.Host.Tests.Features.Workflows;

/// <summary>Bundled templates after an upgrade: a changed template is published again only while nobody has touched it.</summary>
public sealed class BundledTemplateUpgradeTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restarting_with_the_same_templates_publishes_nothing_new()
    {
        await InstallAsync();
        await InstallAsync();

        // The hoarding template; the other tests of this class change the other two.
        Assert.Single(await XmlOfVersionsAsync("hoarding-household"));
    }

    [Fact]
    public async Task A_changed_template_nobody_edited_is_published_as_the_next_version()
    {
        var template = BundledTemplates.All.Single(t => t.Key == "discharge-elderly-alone");
        await MakeInstalledTextOlderAsync(template.Key);

        await InstallAsync();

        var versions = await XmlOfVersionsAsync(template.Key);
        Assert.Equal(2, versions.Count);
        Assert.Equal(template.Xml, versions[1]);
    }

    [Fact]
    public async Task A_template_a_designer_has_published_is_left_alone()
    {
        var template = BundledTemplates.All.Single(t => t.Key == "integrated-case-management");
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
            var draft = await store.GetDraftAsync(DemoData.District, template.Key, Ct);
            await store.SaveDraftAsync(DemoData.District, template.Key, template.Xml.Replace("사례관리", "통합 사례관리", StringComparison.Ordinal), draft!.Revision, Ct);
            await store.PublishAsync(DemoData.District, template.Key, "gwanak-hub.designer", Ct);
        }

        await MakeInstalledTextOlderAsync(template.Key, onlyFirstVersion: true);
        await InstallAsync();

        Assert.Equal(2, (await XmlOfVersionsAsync(template.Key)).Count);
    }

    private async Task InstallAsync()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        await new InstallBundledTemplates(NullLogger<InstallBundledTemplates>.Instance).RunAsync(scope.ServiceProvider, Ct);
    }

    /// <summary>Pretends the installed version 1 (and its draft) came from an older release of the template.</summary>
    private async Task MakeInstalledTextOlderAsync(string key, bool onlyFirstVersion = false)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var definition = await db.Definitions.SingleAsync(d => d.District == DemoData.District && d.Key == key, Ct);
        var first = await db.Versions.SingleAsync(v => v.DefinitionId == definition.Id && v.Version == 1, Ct);
        var older = first.Xml.Replace("</bpmn:definitions>", "<!-- older release --></bpmn:definitions>", StringComparison.Ordinal);
        first.Xml = older;
        if (!onlyFirstVersion)
        {
            definition.DraftXml = older;
        }

        await db.SaveChangesAsync(Ct);
    }

    private async Task<List<string>> XmlOfVersionsAsync(string key)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        return await db.Versions.AsNoTracking().Where(v => db.Definitions.Any(d => d.Id == v.DefinitionId && d.District == DemoData.District && d.Key == key))
            .OrderBy(v => v.Version).Select(v => v.Xml).ToListAsync(Ct);
    }
}
