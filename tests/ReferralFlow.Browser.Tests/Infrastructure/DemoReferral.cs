using System.Text.Json;
using Microsoft.Playwright;

namespace ReferralFlow.Browser.Tests.Infrastructure;

/// <summary>A 난곡동 hoarding referral opened through the API, for tests that need every page to have something to show.</summary>
public static class DemoReferral
{
    public const string HouseholdName = "최말순";

    public const string ConsentedBy = "김영수";

    /// <summary>
    /// Every worker page with the demo login that uses it (<c>""</c> = anonymous), for a referral opened by
    /// <see cref="OpenAsync"/>.
    /// </summary>
    public static IReadOnlyList<(string Login, string Path)> WorkerPages(string referralId, string taskId) =>
    [
        ("", "/login"),
        ("nangok-dong.worker", "/inbox"),
        ("nangok-dong.worker", $"/tasks/{taskId}"),
        ("nangok-dong.worker", "/referrals/new?workflowKey=hoarding-household"),
        ("nangok-dong.worker", $"/referrals/{referralId}"),
        ("nangok-dong.worker", "/referrals"),
        ("gwanak-hub.worker", "/control-tower"),
        ("nangok-dong.supervisor", "/supervisor"),
        ("gwanak-hub.districtadmin", "/admin"),
        ("gwanak-hub.districtadmin", "/admin/agencies"),
        ("gwanak-hub.districtadmin", "/admin/workers"),
        ("gwanak-hub.districtadmin", "/admin/allocations"),
        ("gwanak-hub.districtadmin", "/admin/settings"),
        ("nangok-dong.worker", "/account/two-factor"),
        ("nangok-dong.worker", $"/referrals/{referralId}/transfer"),
        ("nangok-dong.worker", "/transfers"),
        ("nangok-dong.worker", "/notifications"),
        ("nangok-dong.supervisor", "/account/notifications"),
    ];

    /// <summary>
    /// Opens a hoarding referral in <paramref name="dong"/> as the signed-in worker of <paramref name="api"/>, with consent
    /// (health data included) for every agency the district's defaults involve; returns its id. Nothing else is done.
    /// </summary>
    public static async Task<string> CreateAsync(
        BrowserHostFixture host, IAPIRequestContext api, string household = HouseholdName, string dong = "난곡동")
    {
        var response = await api.PostAsync("/api/referrals", new()
        {
            DataObject = new
            {
                workflowKey = "hoarding-household",
                dong,
                household = new { name = household, birthDate = "1946-07-12", members = 1 },
                consent = new
                {
                    consentedBy = household == HouseholdName ? ConsentedBy : household,
                    relationship = household == HouseholdName ? "아들" : "본인",
                    consentedAt = host.Clock.GetUtcNow().AddHours(-2),
                    method = "written",
                    agencyIds = new[] { "sillim-welfare", "gwanak-hub", "gwanak-cleaning", "gwanak-health", "nanum-joy" },
                    categories = new[] { "basic", "living", "health" },
                },
            },
        });
        Assert.True(response.Ok, await response.TextAsync());
        return JsonDocument.Parse(await response.TextAsync()).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Opens the referral, completes its first step and adds a note; returns its id and its open task's id.</summary>
    public static async Task<(string ReferralId, string TaskId)> OpenAsync(BrowserHostFixture host)
    {
        var page = await host.NewPageAsync("nangok-dong.worker");
        var api = page.Context.APIRequest;
        var referralId = await CreateAsync(host, api);

        // One step done and a note, so the timeline and the task page show more than the opening.
        var first = await OpenTaskIdAsync(api, referralId);
        var completed = await api.PostAsync($"/api/tasks/{first}/complete", new()
        {
            DataObject = new { outcome = new Dictionary<string, string> { ["reportSource"] = "neighbor", ["reportSummary"] = "적치물", ["urgentSafetyRisk"] = "false" } },
        });
        Assert.True(completed.Ok, await completed.TextAsync());
        var note = await api.PostAsync($"/api/referrals/{referralId}/notes", new() { DataObject = new { text = "이웃 신고 확인" } });
        Assert.True(note.Ok, await note.TextAsync());
        var taskId = await OpenTaskIdAsync(api, referralId);
        await page.Context.CloseAsync();
        return (referralId, taskId);
    }

    /// <summary>The id of the referral's first open task.</summary>
    public static async Task<string> OpenTaskIdAsync(IAPIRequestContext api, string referralId)
    {
        var tasks = await api.GetAsync($"/api/tasks?referralId={referralId}");
        return JsonDocument.Parse(await tasks.TextAsync()).RootElement.GetProperty("items").EnumerateArray()
            .First(t => t.GetProperty("status").GetString() == "open").GetProperty("id").GetString()!;
    }
}
