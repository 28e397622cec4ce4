using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReferralFlow.Browser.Tests.Infrastructure;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Parsing;
using ReferralFlow.Workflows.Persistence;
using ReferralFlow.Workflows.Templates;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Designer;

/// <summary>
/// The browser designer at /designer against the real host: a designer signs in, draws a two-lane workflow, sees the
/// drawing checks while it is incomplete, fixes it in the properties panel and publishes it; a referral on that version
/// puts its first task in the right agency's queue with the drawn deadline and form. A bundled template saved unchanged
/// from the designer parses to the same definition.
/// </summary>
public sealed class DesignerTests(BrowserHostFixture host) : IClassFixture<BrowserHostFixture>
{
    private const string Key = "designer-drawn";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_designer_draws_fixes_and_publishes_a_workflow_whose_first_task_reaches_the_right_queue()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync("/designer/");

        // Sign in through the designer's own form (the API answers 401 first).
        await page.Locator("#rf-login-email").FillAsync(DemoData.Email("gwanak-hub.designer"));
        await page.Locator("#rf-login-password").FillAsync(DemoData.Password);
        await page.Locator("#rf-login button[type=submit]").ClickAsync();
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);

        // A new empty workflow.
        await page.Locator("#rf-new").ClickAsync();
        await page.Locator("#rf-new-key").FillAsync(Key);
        await page.Locator("#rf-new-name").FillAsync("설계기 시험 흐름");
        await page.Locator("#rf-new-ok").ClickAsync();
        await Expect(page.Locator("#rf-status")).ToContainTextAsync(Key);

        // Placement through the modeler (mouse drawing is brittle headless); everything rf: goes through the panel.
        await page.EvaluateAsync("""
            () => {
              const m = window.__rfModeler;
              const registry = m.get('elementRegistry'), modeling = m.get('modeling'), elements = m.get('elementFactory'), factory = m.get('bpmnFactory');
              const pool = registry.filter(e => e.type === 'bpmn:Participant')[0];
              modeling.splitLane(pool, 2);
              const lanes = registry.filter(e => e.type === 'bpmn:Lane').sort((a, b) => a.y - b.y);
              modeling.updateProperties(lanes[0], { id: 'Lane_Dong', name: '동주민센터' });
              modeling.updateProperties(lanes[1], { id: 'Lane_Cleaning', name: '구청 청소과' });
              const top = lanes[0].y + lanes[0].height / 2, bottom = lanes[1].y + lanes[1].height / 2;
              const shape = (type, id, x, y) => modeling.createShape(elements.createShape({ type, businessObject: factory.create(type, { id }) }), { x, y }, pool);
              const start = shape('bpmn:StartEvent', 'Start', 200, top);
              const visit = shape('bpmn:UserTask', 'Task_Visit', 320, top);
              const gateway = shape('bpmn:ExclusiveGateway', 'Gateway_Need', 470, top);
              const clean = shape('bpmn:UserTask', 'Task_Clean', 620, bottom);
              const end = shape('bpmn:EndEvent', 'End', 800, top);
              const connect = (a, b, id) => modeling.updateProperties(modeling.connect(a, b), { id });
              connect(start, visit, 'Flow_1'); connect(visit, gateway, 'Flow_2');
              connect(gateway, clean, 'Flow_Yes'); connect(gateway, end, 'Flow_No'); connect(clean, end, 'Flow_3');
              modeling.updateLabel(visit, '가정 방문');
              modeling.updateLabel(clean, '청소');
            }
            """);

        // Incomplete: the lanes' roles are not allocated and the gateway's flows have no conditions.
        var issues = page.Locator("#rf-issues");
        await Expect(issues.Locator("li[data-code='unknown-role'][data-element='Task_Visit']")).ToHaveCountAsync(1);
        await Expect(issues.Locator("li[data-code='missing-condition'][data-element='Flow_Yes']")).ToHaveCountAsync(1);
        await Expect(page.Locator(".rf-lint-badge.error").First).ToBeVisibleAsync();
        await BrowserHostFixture.ScreenshotAsync(page, "designer-incomplete");

        // Lane roles from the dropdown of known roles.
        await SelectAsync(page, "Lane_Dong");
        await OpenGroupAsync(page, "rf-role");
        await page.Locator("select[name='rf-role-select']").SelectOptionAsync("dong");
        await SelectAsync(page, "Lane_Cleaning");
        await OpenGroupAsync(page, "rf-role");
        await page.Locator("select[name='rf-role-select']").SelectOptionAsync("cleaning");
        await Expect(issues.Locator("li[data-code='unknown-role']")).ToHaveCountAsync(0);

        // The visit: a three-day deadline and two outcome fields.
        await SelectAsync(page, "Task_Visit");
        await OpenGroupAsync(page, "rf-deadline");
        await page.Locator("input[name='rf-due-days']").FillAsync("3");
        await Expect(page.Locator("input[name='rf-due']")).ToHaveValueAsync("P3D");
        await OpenGroupAsync(page, "rf-form");
        await AddFieldAsync(page, 0);
        await page.Locator("input[name='rf-field-0-id']").FillAsync("visitDate");
        await page.Locator("select[name='rf-field-0-type']").SelectOptionAsync("date");
        await page.Locator("input[name='rf-field-0-label']").FillAsync("방문일");
        await page.Locator("input[name='rf-field-0-required']").CheckAsync();
        await AddFieldAsync(page, 1);
        await page.Locator("input[name='rf-field-1-id']").FillAsync("needCleaning");
        await page.Locator("select[name='rf-field-1-type']").SelectOptionAsync("boolean");
        await page.Locator("input[name='rf-field-1-label']").FillAsync("청소 필요");
        await Expect(page.Locator("#rf-properties [data-group-id='group-rf-form'] .bio-properties-panel-list-item").Nth(1)).ToContainTextAsync("청소 필요");

        // A malformed condition is refused by the syntax check, then the gateway's flows get their conditions.
        await SelectAsync(page, "Flow_Yes");
        await OpenGroupAsync(page, "rf-condition");
        var condition = page.Locator("input[name='rf-condition-expression']");
        await condition.FillAsync("needCleaning = true");
        await Expect(page.Locator("[data-entry-id='rf-condition-expression'] .bio-properties-panel-error")).ToContainTextAsync("==");
        await condition.FillAsync("needCleaning == true");
        await Expect(page.Locator("[data-entry-id='rf-condition-expression'] .bio-properties-panel-error")).ToHaveCountAsync(0);
        await Expect(issues.Locator("li[data-code='missing-condition'][data-element='Flow_Yes']")).ToHaveCountAsync(0);
        await SelectAsync(page, "Flow_No");
        await OpenGroupAsync(page, "rf-condition");
        await page.Locator("input[name='rf-condition-expression']").FillAsync("not needCleaning");
        await Expect(issues.Locator("li.error")).ToHaveCountAsync(0);
        await BrowserHostFixture.ScreenshotAsync(page, "designer-complete");

        // Publish (saves the new draft first).
        await page.Locator("#rf-publish").ClickAsync();
        await Expect(page.Locator($"body[data-published='{Key}:1']")).ToHaveCountAsync(1);

        // A referral on that version, opened through the API by the 난곡동 worker.
        using var worker = await SignedInClientAsync("nangok-dong.worker");
        var opened = await worker.PostAsJsonAsync("/api/referrals", new
        {
            workflowKey = Key,
            dong = "난곡동",
            household = new { name = "김순자", birthDate = "1948-05-02", address = "서울 관악구 난곡로 1", members = 1 },
            consent = new
            {
                consentedBy = "김순자",
                relationship = "본인",
                consentedAt = BrowserHostFixture.T0.AddHours(-1),
                method = "written",
                agencyIds = new[] { "nangok-dong", "gwanak-cleaning", "gwanak-hub", "sillim-welfare" },
                categories = new[] { "basic" },
            },
        }, Ct);
        Assert.True(opened.IsSuccessStatusCode, await opened.Content.ReadAsStringAsync(Ct));

        // The first task is in 난곡동 주민센터's queue, due three days after it was created, with the two drawn fields.
        var queue = await worker.GetFromJsonAsync<JsonElement>($"/api/tasks?queue=true&workflowKey={Key}", Ct);
        var item = queue.GetProperty("items").EnumerateArray().Single();
        Assert.Equal("Task_Visit", item.GetProperty("step").GetProperty("nodeId").GetString());
        Assert.Equal("nangok-dong", item.GetProperty("agency").GetProperty("id").GetString());
        Assert.Equal(item.GetProperty("createdAt").GetDateTimeOffset().AddDays(3), item.GetProperty("dueAt").GetDateTimeOffset());
        var task = await worker.GetFromJsonAsync<JsonElement>($"/api/tasks/{item.GetProperty("id").GetGuid()}", Ct);
        var form = task.GetProperty("form").EnumerateArray().ToList();
        Assert.Equal(["visitDate", "needCleaning"], form.Select(f => f.GetProperty("id").GetString()));
        Assert.Equal("방문일", form[0].GetProperty("label").GetString());
        Assert.True(form[0].GetProperty("required").GetBoolean());
    }

    [Fact]
    public async Task A_bundled_template_saved_unchanged_from_the_designer_parses_to_the_same_definition()
    {
        const string template = "hoarding-household";
        var page = await host.NewPageAsync("gwanak-hub.designer");
        await page.GotoAsync($"/designer/?workflow={template}");
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#rf-issues li.error")).ToHaveCountAsync(0);
        await page.Locator("#rf-save").ClickAsync();
        await Expect(page.Locator("#rf-status.ok")).ToContainTextAsync($"{template} r2");

        await using var scope = host.Services.CreateAsyncScope();
        var draft = await scope.ServiceProvider.GetRequiredService<DefinitionStore>().GetDraftAsync(DemoData.District, template, Ct);
        Assert.NotNull(draft);
        Assert.Equal(2, draft.Revision);
        var original = Summary(BundledTemplates.Find(template)!.Xml);
        var saved = Summary(draft.Xml);
        Assert.Equal(original, saved);
    }

    /// <summary>What the engine runs: nodes with their kind, role, deadline, escalation, form and timers; flows with conditions.</summary>
    private static List<string> Summary(string xml)
    {
        var result = BpmnParser.Parse(xml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var definition = result.Definition!;
        var lines = definition.NodeList.Select(n => n switch
        {
            UserTask t => $"{t.Id} user role={t.RoleKey} due={t.Due} esc={t.EscalationPolicy} fields=" +
                string.Join(",", t.Fields.Select(f => $"{f.Id}:{f.Type}:{f.Label}:{f.Required}:{f.Health}:{string.Join("|", f.Options.Select(o => $"{o.Value}={o.Label}"))}")),
            SendTask s => $"{s.Id} send {s.SendType} to={s.To} template={s.Template}",
            BoundaryTimerEvent b => $"{b.Id} boundary on={b.AttachedTo.Id} cancel={b.CancelActivity} timer={b.Timer}",
            IntermediateTimerEvent i => $"{i.Id} timer {i.Timer}",
            Gateway g => $"{g.Id} {g.GetType().Name} default={g.Default?.Id}",
            EndEvent e => $"{e.Id} end terminate={e.Terminate}",
            _ => $"{n.Id} {n.GetType().Name}",
        }).ToList();
        lines.AddRange(definition.FlowList.Select(f => $"{f.Id}: {f.Source.Id} -> {f.Target.Id} if {f.Condition?.Source}"));
        lines.AddRange(definition.Lanes.Select(l => $"{l.Id} lane {l.RoleKey}"));
        return lines;
    }

    private static async Task SelectAsync(IPage page, string elementId)
    {
        await page.EvaluateAsync("id => { const m = window.__rfModeler; m.get('selection').select(m.get('elementRegistry').get(id)); }", elementId);
        await Expect(page.Locator($"#rf-properties .bio-properties-panel-header")).ToHaveCountAsync(1);
    }

    private static async Task OpenGroupAsync(IPage page, string groupId)
    {
        var group = page.Locator($"#rf-properties [data-group-id='group-{groupId}']");
        var header = group.Locator(".bio-properties-panel-group-header").First;
        if (!await header.EvaluateAsync<bool>("h => h.classList.contains('open')"))
        {
            await header.ClickAsync();
        }
    }

    private static async Task AddFieldAsync(IPage page, int index)
    {
        await page.Locator("#rf-properties [data-group-id='group-rf-form'] .bio-properties-panel-add-entry").ClickAsync();
        var input = page.Locator($"input[name='rf-field-{index}-id']");
        if (await input.CountAsync() == 0)
        {
            await page.Locator($"#rf-properties [data-group-id='group-rf-form'] .bio-properties-panel-list-item").Nth(index)
                .Locator(".bio-properties-panel-collapsible-entry-header").First.ClickAsync();
        }

        await Expect(input).ToBeVisibleAsync();
    }

    private async Task<HttpClient> SignedInClientAsync(string login)
    {
        var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email = DemoData.Email(login), password = DemoData.Password }, Ct);
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
