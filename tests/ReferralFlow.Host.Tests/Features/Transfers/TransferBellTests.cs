using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Tests.Infrastructure;
using static ReferralFlow.Host.Tests.Features.Transfers.TransferScenario;

namespace ReferralFlow.Host.Tests.Features.Transfers;

/// <summary>
/// Transfers in the bell: a request tells the receiving district's hub, a decision the requesting owner agency — with a
/// link to the transfers list and never the request's note.
/// </summary>
public sealed class TransferBellTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_request_tells_the_receiving_hub_and_a_decline_tells_the_requesting_owner()
    {
        var (owner, id, _) = await OpenAtSplitsAsync(host);
        var transferId = await RequestedAsync(owner, id);
        var dongjakHub = await host.SignInAsync("dongjak-hub.worker");
        var gwanakHub = await host.SignInAsync("gwanak-hub.worker");

        var request = Assert.Single(await TransferEntriesAsync(dongjakHub, id));
        Assert.Equal("/transfers", request.GetProperty("link").GetString());
        Assert.DoesNotContain("상도1동", request.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(await TransferEntriesAsync(gwanakHub, id));
        Assert.Empty(await TransferEntriesAsync(owner, id));

        Assert.Equal(HttpStatusCode.OK, (await DeclineAsync(dongjakHub, transferId)).StatusCode);
        var colleague = await host.SignInAsync("nangok-dong.worker2");
        var decided = Assert.Single(await TransferEntriesAsync(colleague, id));
        Assert.Equal("/transfers", decided.GetProperty("link").GetString());
        Assert.DoesNotContain("전입 기록", decided.GetRawText(), StringComparison.Ordinal);
        Assert.Single(await TransferEntriesAsync(dongjakHub, id));
    }

    [Fact]
    public async Task Accepting_tells_the_requesting_owner_agency()
    {
        var (owner, id, _) = await OpenAtSplitsAsync(host);
        var transferId = await RequestedAsync(owner, id);
        var dongjakHub = await host.SignInAsync("dongjak-hub.worker");

        Assert.Equal(HttpStatusCode.OK, (await AcceptAsync(dongjakHub, transferId)).StatusCode);

        Assert.Single(await TransferEntriesAsync(owner, id));
    }

    private static async Task<List<JsonElement>> TransferEntriesAsync(HttpClient client, Guid referralId) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/notifications?limit=100", Ct)).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("kind").GetString() == "transfer" && e.TryGetProperty("referralId", out var r) && r.ValueKind == JsonValueKind.String && r.GetGuid() == referralId)];
}
