using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Tests.Features.Alerts;
using ReferralFlow.Host.Tests.Infrastructure;
using static ReferralFlow.Host.Tests.Features.Tasks.TaskTestData;

namespace ReferralFlow.Host.Tests.Features.Notifications;

/// <summary>Messages a workflow's send task asks for, delivered to the mail pickup folder.</summary>
public sealed class WorkflowMessageTests(WorkflowMessageTests.PickupHostFixture host) : IClassFixture<WorkflowMessageTests.PickupHostFixture>
{
    private const string Key = "reply-test";

    private const string Xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:rf="http://referralflow.org/schema/bpmn/1.0"
                          id="defs_reply_test" targetNamespace="http://referralflow.org/test">
          <bpmn:process id="reply-test" name="Reply test" isExecutable="true">
            <bpmn:startEvent id="start"/>
            <bpmn:userTask id="visit" name="Home visit" rf:role="visit" rf:due="P3D"/>
            <bpmn:userTask id="plan" name="Service plan" rf:role="plan" rf:due="P10D"/>
            <bpmn:sendTask id="reply" name="Result to the referrer" rf:type="notify-referrer" rf:template="referral-result"/>
            <bpmn:endEvent id="end"/>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="visit"/>
            <bpmn:sequenceFlow id="f2" sourceRef="visit" targetRef="plan"/>
            <bpmn:sequenceFlow id="f3" sourceRef="plan" targetRef="reply"/>
            <bpmn:sequenceFlow id="f4" sourceRef="reply" targetRef="end"/>
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_send_task_tells_the_referring_agency_which_referral_it_is_about()
    {
        var referral = await OpenReferralAsync(host, visit: "nangok-dong", plan: "sillim-welfare", referrer: "nangok-dong", workflowKey: Key, xml: Xml);
        await CompleteOnlyOpenTaskAsync("nangok-dong.worker", referral.ReferralId);
        await CompleteOnlyOpenTaskAsync("sillim-welfare.worker", referral.ReferralId);

        await using (var scope = host.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().RunAsync(Ct);
        }

        var mail = Assert.Single(await StepAlertMail.OtherMailsAsync(host.Pickup, Ct));
        Assert.Equal($"[ReferralFlow] 의뢰 {referral.Number} 지원 단계 완료 회신", mail.Subject);
        Assert.Contains($"/referrals/{referral.ReferralId}", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("홍길동", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("nangok-dong@demo.referralflow.kr", mail.To.Mailboxes.Select(m => m.Address));
    }

    private async Task CompleteOnlyOpenTaskAsync(string login, Guid referralId)
    {
        var client = await host.SignInOnceAsync(login);
        var task = Assert.Single(await ListAsync(client, $"?referralId={referralId}"));
        var response = await client.PostAsJsonAsync($"/api/tasks/{Id(task)}/complete", new { outcome = new { } }, Ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The host with mail going to a fresh pickup folder instead of an SMTP server.</summary>
    public sealed class PickupHostFixture(PostgresClusterFixture cluster) : HostFixture(cluster)
    {
        public string Pickup { get; } = Path.Combine(Path.GetTempPath(), $"rf-pickup-{Guid.NewGuid():N}");

        protected override void ConfigureHost(IWebHostBuilder builder) => builder.UseSetting("Mail:PickupDirectory", Pickup);

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            if (Directory.Exists(Pickup))
            {
                Directory.Delete(Pickup, recursive: true);
            }
        }
    }
}
