using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Features.Workflows;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;
using ReferralFlow.Workflows.Templates;

namespace ReferralFlow.Host.Tests.Features.Workflows;

/// <summary>Workflows belong to a district: another district's workflows cannot be seen, edited, published or started.</summary>
public sealed class WorkflowDistrictTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string GwanakDesigner = "gwanak-hub.designer";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_designer_of_another_district_gets_404_for_every_read_edit_and_publish_of_this_districts_workflow()
    {
        await OtherDistrict.EnsureAsync(host);
        var gwanak = await host.SignInAsync(GwanakDesigner);
        Assert.Equal(HttpStatusCode.Created, (await gwanak.PostAsync("/api/workflows", TestBpmn.Xml(TestBpmn.Simple("gwanak-only")), Ct)).StatusCode);
        var seocho = await host.SignInAsync(OtherDistrict.Designer);

        var list = await seocho.GetAllItemsAsync("/api/workflows");
        var responses = new[]
        {
            await seocho.GetAsync("/api/workflows/gwanak-only/draft", Ct),
            await seocho.GetAsync($"/api/workflows/gwanak-only/draft?district={Uri.EscapeDataString(DemoData.District)}", Ct),
            await seocho.SendAsync(TestBpmn.Put("/api/workflows/gwanak-only/draft", TestBpmn.Simple("gwanak-only", name: "가로채기"), ifMatch: 1), Ct),
            await seocho.PostAsync("/api/workflows/gwanak-only/validate", null, Ct),
            await seocho.PostAsync("/api/workflows/gwanak-only/publish", null, Ct),
            await seocho.GetAsync("/api/workflows/gwanak-only/versions", Ct),
        };

        Assert.DoesNotContain("gwanak-only", list.Select(w => w.GetProperty("key").GetString()));
        Assert.All(list, w => Assert.Equal(OtherDistrict.District, w.GetProperty("district").GetString()));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        var draft = await gwanak.GetFromJsonAsync<JsonElement>("/api/workflows/gwanak-only/draft", Ct);
        Assert.Equal((1, DemoData.District), (draft.GetProperty("revision").GetInt32(), draft.GetProperty("district").GetString()));
    }

    [Fact]
    public async Task Each_district_has_its_own_copy_of_the_bundled_templates_and_publishing_one_leaves_the_other_alone()
    {
        await OtherDistrict.EnsureAsync(host);
        var seocho = await host.SignInAsync(OtherDistrict.Designer);
        var gwanak = await host.SignInAsync("nangok-dong.worker");
        var xml = await seocho.GetFromJsonAsync<JsonElement>("/api/workflows/integrated-case-management/draft", Ct);

        var saved = await seocho.SendAsync(TestBpmn.Put("/api/workflows/integrated-case-management/draft",
            xml.GetProperty("xml").GetString()!.Replace("사례관리", "서초 사례관리", StringComparison.Ordinal), ifMatch: xml.GetProperty("revision").GetInt32()), Ct);
        var published = await seocho.PostAsync("/api/workflows/integrated-case-management/publish", null, Ct);

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(2, (await published.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("version").GetInt32());
        var theirs = await seocho.GetAllItemsAsync("/api/workflows?published=true");
        var ours = await gwanak.GetAllItemsAsync("/api/workflows/integrated-case-management/versions");
        var latest = theirs.ToDictionary(w => w.GetProperty("key").GetString()!, w => w.GetProperty("latestVersion").GetInt32());
        Assert.Equal(2, latest["integrated-case-management"]);
        Assert.Contains("discharge-elderly-alone", latest.Keys);
        Assert.Equal("system", Assert.Single(ours).GetProperty("publishedBy").GetString());
    }

    [Fact]
    public async Task A_changed_template_is_upgraded_in_each_district_where_nobody_touched_it()
    {
        await OtherDistrict.EnsureAsync(host);
        var template = BundledTemplates.All.Single(t => t.Key == "hoarding-household");
        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            // Both districts pretend to hold an older release; then 서초구's designer publishes an edit of it.
            var workflow = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            var older = template.Xml.Replace("</bpmn:definitions>", "<!-- older release --></bpmn:definitions>", StringComparison.Ordinal);
            await workflow.Definitions.Where(d => d.Key == template.Key).ExecuteUpdateAsync(s => s.SetProperty(d => d.DraftXml, older), Ct);
            await workflow.Versions.Where(v => workflow.Definitions.Any(d => d.Id == v.DefinitionId && d.Key == template.Key))
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.Xml, older), Ct);
            var store = scope.ServiceProvider.GetRequiredService<DefinitionStore>();
            await store.SaveDraftAsync(OtherDistrict.District, template.Key, older.Replace("쓰레기집 가구 공동개입", "서초 쓰레기집 가구 공동개입", StringComparison.Ordinal), 1, Ct);
            await store.PublishAsync(OtherDistrict.District, template.Key, "seocho-dong.designer", Ct);
        }

        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            await new InstallBundledTemplates(NullLogger<InstallBundledTemplates>.Instance).RunAsync(scope.ServiceProvider, Ct);
        }

        var gwanak = await (await host.SignInAsync("nangok-dong.worker")).GetFromJsonAsync<JsonElement>($"/api/workflows/{template.Key}/versions/2", Ct);
        var seocho = await (await host.SignInAsync(OtherDistrict.Worker)).GetAllItemsAsync($"/api/workflows/{template.Key}/versions");
        Assert.Equal((template.Xml, "system"), (gwanak.GetProperty("xml").GetString(), gwanak.GetProperty("publishedBy").GetString()));
        Assert.Equal([2, 1], seocho.Select(v => v.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task A_referral_cannot_be_opened_on_another_districts_workflow()
    {
        await OtherDistrict.EnsureAsync(host);
        var seocho = await host.SignInAsync(OtherDistrict.Designer);
        await seocho.PostAsync("/api/workflows", TestBpmn.Xml(TestBpmn.Simple("seocho-only")), Ct);
        Assert.Equal(HttpStatusCode.Created, (await seocho.PostAsync("/api/workflows/seocho-only/publish", null, Ct)).StatusCode);
        var worker = await host.SignInAsync("nangok-dong.worker");
        var body = ReferralScenario.Body();
        body["workflowKey"] = "seocho-only";

        var response = await worker.PostAsJsonAsync("/api/referrals", body, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("workflowKey", out _));
    }

    [Fact]
    public async Task A_system_administrator_sees_every_district_and_names_one_to_work_in_it()
    {
        await OtherDistrict.EnsureAsync(host);
        var seocho = await host.SignInAsync(OtherDistrict.Designer);
        await seocho.PostAsync("/api/workflows", TestBpmn.Xml(TestBpmn.Simple("seocho-admin")), Ct);
        var admin = await host.SignInAsync("gwanak-hub.admin");
        var query = $"?district={Uri.EscapeDataString(OtherDistrict.District)}";

        var all = await admin.GetAllItemsAsync("/api/workflows");
        var own = await admin.GetAsync("/api/workflows/seocho-admin/draft", Ct);
        var named = await admin.GetAsync($"/api/workflows/seocho-admin/draft{query}", Ct);
        var published = await admin.PostAsync($"/api/workflows/seocho-admin/publish{query}", null, Ct);
        var created = await admin.PostAsync($"/api/workflows{query}", TestBpmn.Xml(TestBpmn.Simple("made-by-admin")), Ct);
        var nowhere = await admin.PostAsync($"/api/workflows?district={Uri.EscapeDataString("없는구")}", TestBpmn.Xml(TestBpmn.Simple("nowhere")), Ct);

        var districts = all.Select(w => w.GetProperty("district").GetString()).Distinct().ToList();
        Assert.Contains(DemoData.District, districts);
        Assert.Contains(OtherDistrict.District, districts);
        Assert.Equal(HttpStatusCode.NotFound, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(OtherDistrict.District, (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("district").GetString());
        Assert.Contains(query, created.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, nowhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await seocho.GetAsync("/api/workflows/made-by-admin/draft", Ct)).StatusCode);
    }
}
