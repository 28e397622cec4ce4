using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;
using static ReferralFlow.Host.Tests.Features.Tasks.TaskTestData;

namespace ReferralFlow.Host.Tests.Features.Tasks;

/// <summary>What a completion may carry: the step's own form fields, bounded in size, and nothing else.</summary>
public sealed class CompleteTaskInputTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Complete_refuses_free_variables_with_400_naming_them_and_changes_nothing()
    {
        var referral = await OpenReferralAsync(host);
        var worker = await host.SignInOnceAsync("nangok-dong.worker");
        var before = await StateJsonAsync(referral.InstanceId);

        var response = await worker.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/complete",
            new { outcome = VisitOutcome, variables = new { needsCleaning = true } }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["variables"], await ErrorKeysAsync(response));
        var task = await TaskRowAsync(host, referral.VisitTaskId);
        Assert.Equal((WorkTaskStatus.Open, (string?)null), (task.Status, task.OutcomeJson));
        Assert.Equal(before, await StateJsonAsync(referral.InstanceId));
        Assert.DoesNotContain("needsCleaning", before, StringComparison.Ordinal);
        Assert.Empty(await AuditAsync(host, referral.ReferralId, "task.completed"));
        Assert.Single(await TaskRowsAsync(host, referral.InstanceId));
    }

    [Fact]
    public async Task Complete_answers_413_to_a_one_megabyte_value_and_changes_nothing()
    {
        var referral = await OpenReferralAsync(host);
        var worker = await host.SignInOnceAsync("nangok-dong.worker");

        var response = await worker.PostAsJsonAsync($"/api/tasks/{referral.VisitTaskId}/complete",
            new { outcome = new { visitDate = "2026-03-03", consent = true, risk = "low", summary = new string('x', 1024 * 1024) } }, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(WorkTaskStatus.Open, (await TaskRowAsync(host, referral.VisitTaskId)).Status);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_gets_413_too()
    {
        var referral = await OpenReferralAsync(host);
        var worker = await host.SignInOnceAsync("nangok-dong.worker");
        var json = JsonSerializer.Serialize(new { outcome = new { visitDate = "2026-03-03", consent = true, risk = "low", summary = new string('x', 300 * 1024) } });
        using var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{referral.VisitTaskId}/complete") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await worker.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(WorkTaskStatus.Open, (await TaskRowAsync(host, referral.VisitTaskId)).Status);
    }

    private async Task<string> StateJsonAsync(Guid instanceId)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Instances.AsNoTracking()
            .Where(i => i.Id == instanceId).Select(i => i.StateJson).SingleAsync(Ct);
    }
}
