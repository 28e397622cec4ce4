using ReferralFlow.Host.Features.Demo;

namespace ReferralFlow.Host.Tests.Infrastructure;

/// <summary>An integrator's client generated from <c>/openapi/v1.json</c> signs in, opens a referral and completes its first step.</summary>
public sealed class GeneratedClientTests(OpenApiHostFixture host) : IClassFixture<OpenApiHostFixture>
{
    // Typed calls only: a wrong schema fails to compile, serialize or deserialize here.
    private const string Caller = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Net.Http;
        using System.Net.Http.Headers;
                using System.Text.Json;
        using System.Threading.Tasks;

        namespace Generated;

        public static class Integrator
        {
            public static async Task<string> RunAsync(HttpClient http, string email, string password, string openReferral)
            {
                var client = new ReferralFlowClient(http);
                var tokens = await client.LoginAsync(null, new LoginRequest { Email = email, Password = password });
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);

                var referral = await client.OpenReferralAsync(JsonSerializer.Deserialize<OpenReferralRequest>(openReferral)!);
                var tasks = await client.ListTasksAsync(null, null, null, referral.Id, null, null, null, null, null, null, null, null, null);
                var first = tasks.Items.Single();
                var claimed = await client.ClaimTaskAsync(first.Id, new ClaimTaskRequest());
                var done = await client.CompleteTaskAsync(first.Id, new CompleteTaskRequest
                {
                    Outcome = new Dictionary<string, object> { ["reportSource"] = "neighbor", ["reportSummary"] = "이웃 신고", ["urgentSafetyRisk"] = false },
                    Version = claimed.Version,
                });
                var again = await client.GetReferralAsync(referral.Id);
                return $"{referral.Number}|{done.Task.Status}|{done.NextTasks.Count}|{again.Id == referral.Id}";
            }
        }
        """;

    [Fact]
    public async Task A_client_generated_from_the_document_opens_a_referral_and_completes_its_first_step()
    {
        var reader = await host.ClientAsync("nangok-dong.worker");
        var document = await reader.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var example = (await host.DocumentAsync()).Operations.Single(o => o.OperationId == "OpenReferral").JsonBody!.Value.Example!.ToJsonString();
        var assembly = await GeneratedClient.CompileAsync(document, Caller);
        using var http = host.Factory.CreateClient();

        var run = assembly.GetType($"{GeneratedClient.Namespace}.Integrator")!.GetMethod("RunAsync")!;
        var result = await (Task<string>)run.Invoke(null, [http, DemoData.Email("nangok-dong.worker"), DemoData.Password, example])!;

        var parts = result.Split('|');
        Assert.False(string.IsNullOrEmpty(parts[0]));
        Assert.Equal(["Completed", "1", "True"], parts[1..]);
    }
}
