using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Playwright;
using ReferralFlow.Browser.Tests.Infrastructure;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Parsing;
using static Microsoft.Playwright.Assertions;

namespace ReferralFlow.Browser.Tests.Designer;

/// <summary>
/// Issue 12's check of the mapping dialog: a bundled template exported from the designer and saved back with every
/// <c>rf:</c> attribute and element stripped (as another modeler saves it) is made runnable again through the one
/// dialog, published, and a referral on it runs the same steps for the same agencies as one on the original.
/// Stripping loses what no dialog can guess — outcome forms, deadlines, escalation policies and message templates —
/// so "identically" is checked as the same graph, the same role on every step and the same agencies at every step.
/// </summary>
public sealed class ForeignModelTests(BrowserHostFixture host) : IClassFixture<BrowserHostFixture>
{
    private const string Template = "discharge-elderly-alone";
    private const string Key = "discharge-remapped";

    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_template_stripped_of_rf_is_made_runnable_through_the_mapping_dialog_and_runs_the_same_steps_for_the_same_agencies()
    {
        var page = await host.NewPageAsync("gwanak-hub.designer");
        await page.GotoAsync($"/designer/?workflow={Template}");
        await Expect(page.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await Expect(page.Locator("#rf-make-runnable")).ToBeHiddenAsync();
        var exported = await page.EvaluateAsync<string>("async () => (await window.__rfModeler.saveXML({ format: true })).xml");
        var foreign = StripRf(exported);
        Assert.DoesNotContain("referralflow.org/schema", foreign, StringComparison.Ordinal);

        // Uploaded, the model needs mapping: the dialog opens by itself; Esc closes it and the toolbar offers it again.
        await page.Locator("#rf-upload").SetInputFilesAsync(new FilePayload { Name = $"{Key}.bpmn", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(foreign) });
        var dialog = page.Locator("dialog#rf-mapping");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(page.Locator("#rf-issues li[data-code='unknown-role']").First).ToBeAttachedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await page.Locator("#rf-make-runnable").ClickAsync();
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.Locator("h2")).ToHaveTextAsync("실행 가능하게 만들기");

        // Lanes named like the district's roles come prefilled; the others are chosen. Send tasks get their kind back.
        var lane = (string id) => dialog.Locator($"select[data-map='lane'][data-id='{id}']");
        await Expect(lane("Lane_Dong")).ToHaveValueAsync("dong");
        await Expect(lane("Lane_Hub")).ToHaveValueAsync("hub");
        await Expect(lane("Lane_Health")).ToHaveValueAsync("health");
        await Expect(lane("Lane_Benefits")).ToHaveValueAsync("benefits");
        await lane("Lane_Meals").SelectOptionAsync("meals");
        await lane("Lane_Safety").SelectOptionAsync("safety");
        await dialog.Locator("select[data-map='send'][data-id='Send_VisitOverdueAlert']").SelectOptionAsync("email:role:hub");
        await dialog.Locator("select[data-map='send'][data-id='Send_ReplyReferrer']").SelectOptionAsync("notify-referrer");
        await BrowserHostFixture.ScreenshotAsync(page, "designer-mapping-dialog");
        await dialog.Locator("#rf-map-apply").ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.Locator("#rf-status.ok")).ToBeVisibleAsync();
        await Expect(page.Locator("#rf-issues li.error")).ToHaveCountAsync(0);
        await Expect(page.Locator("#rf-make-runnable")).ToBeHiddenAsync();
        await page.Locator("#rf-publish").ClickAsync();
        await Expect(page.Locator($"body[data-published='{Key}:1']")).ToHaveCountAsync(1);

        // The same graph with the same role on every step as the original.
        var remapped = await page.EvaluateAsync<string>("async () => (await window.__rfModeler.saveXML({ format: true })).xml");
        Assert.Equal(Runs(exported).ConvertAll(line => line.Replace(Template, Key, StringComparison.Ordinal)), Runs(remapped));

        // A referral on each: the first step and, once it is done, every parallel step lands at the same agency.
        var worker = (await host.NewPageAsync("nangok-dong.worker")).Context.APIRequest;
        var hub = (await host.NewPageAsync("gwanak-hub.worker")).Context.APIRequest;
        var original = await CreateAsync(worker, Template);
        var copy = await CreateAsync(worker, Key);
        Assert.Equal([("Task_HomeVisit", "nangok-dong")], await OpenStepsAsync(hub, original));
        Assert.Equal(await OpenStepsAsync(hub, original), await OpenStepsAsync(hub, copy));

        await CompleteAsync(worker, await OpenTaskIdAsync(hub, original), new Dictionary<string, string>
        {
            ["visitDate"] = "2026-03-02",
            ["dischargeDate"] = "2026-03-01",
            ["consentObtained"] = "true",
            ["healthDataConsent"] = "true",
            ["mobilityLevel"] = "assisted",
        });
        await CompleteAsync(worker, await OpenTaskIdAsync(hub, copy), []);
        var next = await OpenStepsAsync(hub, original);
        Assert.Equal(
            [("Task_HomeNursing", "gwanak-health"), ("Task_LtcApplication", "nangok-dong"), ("Task_MealDelivery", "nanum-joy"), ("Task_SafetyDevice", "sillim-welfare")],
            next);
        Assert.Equal(next, await OpenStepsAsync(hub, copy));
    }

    /// <summary>The document as another modeler saves it, under another process id: no rf: attribute, element or namespace.</summary>
    private static string StripRf(string xml)
    {
        var document = XDocument.Parse(xml);
        XNamespace rf = BpmnNames.Rf;
        document.Descendants().Where(e => e.Name.Namespace == rf).Remove();
        document.Descendants().Attributes().Where(a => a.Name.Namespace == rf || (a.IsNamespaceDeclaration && a.Value == rf.NamespaceName)).Remove();
        document.Descendants(Bpmn + "extensionElements").Where(e => !e.HasElements).Remove();
        foreach (var attribute in document.Descendants().Attributes().Where(a => a.Value == Template))
        {
            attribute.Value = Key;
        }

        return document.ToString();
    }

    /// <summary>What the mapping restores: every node's kind and role, every flow and condition, every lane's role.</summary>
    private static List<string> Runs(string xml)
    {
        var result = BpmnParser.Parse(xml);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var definition = result.Definition!;
        List<string> lines = [$"process {definition.Id}"];
        lines.AddRange(definition.NodeList.Select(n => n switch
        {
            UserTask t => $"{t.Id} user role={t.RoleKey}",
            SendTask s => $"{s.Id} send {s.SendType} to={s.To}",
            BoundaryTimerEvent b => $"{b.Id} boundary on={b.AttachedTo.Id} cancel={b.CancelActivity} timer={b.Timer}",
            IntermediateTimerEvent i => $"{i.Id} timer {i.Timer}",
            Gateway g => $"{g.Id} {g.GetType().Name} default={g.Default?.Id}",
            _ => $"{n.Id} {n.GetType().Name}",
        }));
        lines.AddRange(definition.FlowList.Select(f => $"{f.Id}: {f.Source.Id} -> {f.Target.Id} if {f.Condition?.Source}"));
        lines.AddRange(definition.Lanes.Select(l => $"{l.Id} lane {l.RoleKey}"));
        return lines;
    }

    private async Task<string> CreateAsync(IAPIRequestContext api, string workflowKey)
    {
        var response = await api.PostAsync("/api/referrals", new()
        {
            DataObject = new
            {
                workflowKey,
                dong = "난곡동",
                household = new { name = "박정자", birthDate = "1941-09-30", members = 1 },
                consent = new
                {
                    consentedBy = "박정자",
                    relationship = "본인",
                    consentedAt = host.Clock.GetUtcNow().AddHours(-1),
                    method = "written",
                    agencyIds = new[] { "nangok-dong", "gwanak-hub", "gwanak-health", "nanum-joy", "sillim-welfare" },
                    categories = new[] { "basic", "living", "health" },
                },
            },
        });
        Assert.True(response.Ok, await response.TextAsync());
        return JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>The referral's open steps and the agency holding each, read by the district hub.</summary>
    private static async Task<List<(string Step, string Agency)>> OpenStepsAsync(IAPIRequestContext hub, string referralId) =>
        [.. (await OpenTasksAsync(hub, referralId))
            .Select(t => (t.GetProperty("step").GetProperty("nodeId").GetString()!, t.GetProperty("agency").GetProperty("id").GetString()!))
            .Order()];

    private static async Task<string> OpenTaskIdAsync(IAPIRequestContext hub, string referralId) =>
        (await OpenTasksAsync(hub, referralId)).Single().GetProperty("id").GetString()!;

    private static async Task<List<JsonElement>> OpenTasksAsync(IAPIRequestContext hub, string referralId)
    {
        var response = await hub.GetAsync($"/api/tasks?referralId={referralId}&district=true");
        Assert.True(response.Ok, await response.TextAsync());
        return [.. JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("items").EnumerateArray()];
    }

    private static async Task CompleteAsync(IAPIRequestContext api, string taskId, Dictionary<string, string> outcome)
    {
        var response = await api.PostAsync($"/api/tasks/{taskId}/complete", new() { DataObject = new { outcome } });
        Assert.True(response.Ok, await response.TextAsync());
    }
}
