using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Tests.Features.Administration.Settings;

/// <summary>District settings: the configuration's defaults, validation, versions, audit, and new deadlines.</summary>
public sealed class DistrictSettingsTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Gwanak = "관악구";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:rf="http://referralflow.org/schema/bpmn/1.0"
                          id="defs_working_day" targetNamespace="http://referralflow.org/test">
          <bpmn:process id="working-day-test" name="Working day test" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="visit" name="Visit" rf:role="visit" rf:due="P1D" rf:dueCalendar="working" rf:escalation="standard"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="visit"/>
            <bpmn:sequenceFlow id="f2" sourceRef="visit" targetRef="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    [Fact]
    public async Task A_new_district_starts_with_the_configured_holidays_and_policies()
    {
        var admin = await host.SignInAsync("dongjak-hub.districtadmin");

        var response = await admin.GetAsync("/api/admin/settings", Ct);

        response.EnsureSuccessStatusCode();
        var settings = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("동작구", settings.GetProperty("district").GetString());
        Assert.True(settings.GetProperty("isDefault").GetBoolean());
        Assert.Equal("\"0\"", response.Headers.ETag?.Tag);
        Assert.Contains("2026-03-02", settings.GetProperty("holidays").GetProperty("2026").EnumerateArray().Select(d => d.GetString()));
        Assert.Contains("2027-02-08", settings.GetProperty("holidays").GetProperty("2027").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(3, settings.GetProperty("policies").GetProperty("standard").GetProperty("levels").GetArrayLength());
        Assert.Equal("standard", settings.GetProperty("defaultPolicy").GetString());
        Assert.Equal(5, settings.GetProperty("retentionYears").GetInt32());
        Assert.False(settings.GetProperty("requireTwoFactorForCaseReaders").GetBoolean());
    }

    [Fact]
    public async Task Put_refuses_invalid_settings_field_by_field_and_stale_versions()
    {
        var admin = await host.SignInAsync("dongjak-hub.districtadmin");
        var body = Body(new() { ["2026"] = ["2027-01-01"] }, defaultPolicy: "nope");
        body["policies"] = new JsonObject { ["Bad Name"] = new JsonObject { ["levels"] = new JsonArray() } };
        body["retentionYears"] = 0;

        var invalid = await admin.PutAsJsonAsync("/api/admin/settings", body, Ct);
        var codes = (await invalid.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errorCodes");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("holiday-other-year", codes.GetProperty("holidays.2026")[0].GetString());
        Assert.Equal("policy-name-invalid", codes.GetProperty("policies.Bad Name")[0].GetString());
        Assert.Equal("policy-unknown", codes.GetProperty("defaultPolicy")[0].GetString());
        Assert.Equal("number-out-of-range", codes.GetProperty("retentionYears")[0].GetString());

        var valid = Body(new() { ["2026"] = ["2026-01-01"] });
        valid.Remove("version");
        Assert.Equal(HttpStatusCode.PreconditionRequired, (await admin.PutAsJsonAsync("/api/admin/settings", valid, Ct)).StatusCode);
        using var stale = new HttpRequestMessage(HttpMethod.Put, "/api/admin/settings") { Content = JsonContent.Create(valid) };
        stale.Headers.IfMatch.Add(new("\"7\""));
        var preconditionFailed = await admin.SendAsync(stale, Ct);
        Assert.Equal(HttpStatusCode.PreconditionFailed, preconditionFailed.StatusCode);
        Assert.Equal("precondition-failed", (await preconditionFailed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString());
        valid["version"] = 3;
        var conflict = await admin.PutAsJsonAsync("/api/admin/settings", valid, Ct);
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
    }

    [Fact]
    public async Task A_changed_holiday_moves_deadlines_created_afterwards_and_existing_ones_keep_theirs()
    {
        var admin = await host.SignInAsync("gwanak-hub.districtadmin");
        var before = await StartAsync();
        // T0 is Monday 2 March 2026, 09:00 in Korea, itself a holiday: one working day later is Tuesday 3 March.
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.FromHours(9)), before.DueAt);

        var current = await (await admin.GetAsync("/api/admin/settings", Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var holidays = current.GetProperty("holidays").GetProperty("2026").EnumerateArray().Select(d => d.GetString()!).Append("2026-03-03").ToList();
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/admin/settings") { Content = JsonContent.Create(Body(new() { ["2026"] = holidays })) };
        put.Headers.IfMatch.Add(new("\"0\""));
        var saved = await admin.SendAsync(put, Ct);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("\"1\"", saved.Headers.ETag?.Tag);

        var after = await StartAsync();
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.FromHours(9)), after.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.FromHours(9)), (await TaskAsync(before.Id)).DueAt);
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var audit = await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().AuditLog
            .Where(a => a.Action == "admin.settings-updated" && a.District == Gwanak).SingleAsync(Ct);
        Assert.Contains("2026-03-03", audit.Detail, StringComparison.Ordinal);
    }

    // Starts the workflow with the host's runtime in a scope without a signed-in worker, as a timer job runs its commands:
    // the deadline still follows the holidays of 관악구, which owns the workflow.
    private async Task<WorkTaskRecord> StartAsync()
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var store = services.GetRequiredService<DefinitionStore>();
        var version = await store.GetVersionAsync(Gwanak, "working-day-test", cancellationToken: Ct);
        if (version is null)
        {
            await store.SaveDraftAsync(Gwanak, "working-day-test", Xml, expectedRevision: null, Ct);
            version = await store.PublishAsync(Gwanak, "working-day-test", "test", Ct);
        }

        var started = await services.GetRequiredService<WorkflowRuntime>().StartAsync(version.Id, $"WD-{Guid.NewGuid():N}"[..12], null, new Dictionary<string, string> { ["visit"] = "nangok-dong" }, Ct);
        return await services.GetRequiredService<WorkflowDbContext>().Tasks.AsNoTracking().SingleAsync(t => t.InstanceId == started.InstanceId, Ct);
    }

    private async Task<WorkTaskRecord> TaskAsync(Guid id)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Tasks.AsNoTracking().SingleAsync(t => t.Id == id, Ct);
    }

    private static JsonObject Body(Dictionary<string, List<string>> holidays, string defaultPolicy = "standard") => new()
    {
        ["version"] = 0,
        ["holidays"] = JsonSerializer.SerializeToNode(holidays),
        ["policies"] = new JsonObject(),
        ["defaultPolicy"] = defaultPolicy,
        ["retentionYears"] = 5,
        ["requireTwoFactorForCaseReaders"] = false,
    };
}
