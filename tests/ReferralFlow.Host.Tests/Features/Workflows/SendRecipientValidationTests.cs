using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReferralFlow.Host.Tests.Features.Workflows;

/// <summary>Send tasks may mail roles, the referrer, the district's agencies and its allow-list only (<c>send-to-not-allowed</c>).</summary>
public sealed class SendRecipientValidationTests(MailAllowListHostFixture host) : IClassFixture<MailAllowListHostFixture>
{
    private const string Designer = "gwanak-hub.designer";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Start → visit (role dong) → a send task addressing <paramref name="to"/> → end.</summary>
    public static string WithSend(string key, string to) => TestBpmn.Simple(key).Replace(
        """<bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Visit" targetRef="End" />""",
        $"""
        <bpmn:sequenceFlow id="Flow_2" sourceRef="Task_Visit" targetRef="Send_Result" />
        <bpmn:sendTask id="Send_Result" name="결과 알림" rf:type="email" rf:to="{to}" rf:template="referral-result" />
        <bpmn:sequenceFlow id="Flow_3" sourceRef="Send_Result" targetRef="End" />
        """, StringComparison.Ordinal);

    [Fact]
    public async Task Validate_and_publish_refuse_an_address_outside_the_district_naming_the_send_task()
    {
        var client = await host.SignInAsync(Designer);

        var report = await client.PostAsync("/api/workflows/validate", TestBpmn.Xml(WithSend("mail-out", "x@elsewhere.example")), Ct);
        var created = await client.PostAsync("/api/workflows", TestBpmn.Xml(WithSend("mail-out", "x@elsewhere.example")), Ct);
        var publish = await client.PostAsync("/api/workflows/mail-out/publish", null, Ct);

        var issue = Assert.Single((await report.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("issues").EnumerateArray());
        Assert.Equal(("send-to-not-allowed", "Send_Result"), (issue.GetProperty("code").GetString(), issue.GetProperty("elementId").GetString()));
        Assert.True(issue.GetProperty("line").GetInt32() > 0);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, publish.StatusCode);
        var refused = Assert.Single((await publish.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("issues").EnumerateArray());
        Assert.Equal(("send-to-not-allowed", "Send_Result"), (refused.GetProperty("code").GetString(), refused.GetProperty("elementId").GetString()));
    }

    [Theory]
    [InlineData("role:dong")]
    [InlineData("referrer")]
    [InlineData("agency:sillim-welfare")]
    [InlineData(MailAllowListHostFixture.ListedAddress)]
    [InlineData("case.kim" + MailAllowListHostFixture.ListedDomain)]
    public async Task Roles_the_referrer_district_agencies_and_the_allow_list_are_accepted(string to)
    {
        var client = await host.SignInAsync(Designer);

        var report = await client.PostAsync("/api/workflows/validate", TestBpmn.Xml(WithSend("mail-ok", to)), Ct);

        var body = await report.Content.ReadAsStringAsync(Ct);
        Assert.True(JsonDocument.Parse(body).RootElement.TryGetProperty("valid", out var valid) && valid.GetBoolean(), body);
    }

    [Theory]
    [InlineData("agency:not-an-agency")]
    [InlineData("user:0193a2a0-0000-7000-8000-000000000001")]
    [InlineData("hub:서초구")]
    public async Task Other_agencies_users_and_other_districts_are_refused(string to)
    {
        var client = await host.SignInAsync(Designer);

        var report = await client.PostAsync("/api/workflows/validate", TestBpmn.Xml(WithSend("mail-other", to)), Ct);

        var issue = Assert.Single((await report.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("issues").EnumerateArray());
        Assert.Equal("send-to-not-allowed", issue.GetProperty("code").GetString());
    }
}
