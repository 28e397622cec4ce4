using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Tests.Features.Referrals;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Transfers;

/// <summary>The 난곡동 hoarding referral at its three parallel steps, and the transfer calls with their versions.</summary>
internal static class TransferScenario
{
    public const string Gwanak = "관악구";
    public const string Dongjak = "동작구";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>난곡동 opens the referral (its owner) and the route reaches cleaning, health check and meals.</summary>
    public static async Task<(HttpClient Owner, Guid Id, Guid InstanceId)> OpenAtSplitsAsync(HostFixture host)
    {
        var owner = await host.SignInAsync("nangok-dong.worker");
        var id = (await ReferralScenario.OpenAsync(owner)).GetProperty("id").GetGuid();
        var instanceId = ReferralScenario.InstanceIdOf(host, id);
        await ReferralScenario.DriveToSplitsAsync(host, instanceId);
        return (owner, id, instanceId);
    }

    public static async Task<int> VersionOfAsync(HttpClient client, Guid referralId)
    {
        var response = await client.GetAsync($"/api/referrals/{referralId}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return int.Parse(response.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Task<HttpResponseMessage> RequestAsync(HttpClient client, Guid referralId, int version, string to = Dongjak) =>
        PostAsync(client, $"/api/referrals/{referralId}/transfers", new { toDistrict = to, reasonCode = "moved", note = "상도1동으로 이사, 전입신고 완료" }, version);

    /// <summary>Requests the transfer as the owner and answers its id.</summary>
    public static async Task<Guid> RequestedAsync(HttpClient owner, Guid referralId, string to = Dongjak)
    {
        var response = await RequestAsync(owner, referralId, await VersionOfAsync(owner, referralId), to);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> AcceptAsync(HttpClient hub, Guid transferId, string owner = "sangdo1-dong", int version = 1) =>
        PostAsync(hub, $"/api/transfers/{transferId}/accept", new { ownerAgencyId = owner }, version);

    public static Task<HttpResponseMessage> DeclineAsync(HttpClient hub, Guid transferId, int version = 1) =>
        PostAsync(hub, $"/api/transfers/{transferId}/decline", new { reasonCode = "not-resident", note = "전입 기록 없음" }, version);

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, int? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (ifMatch is { } version)
        {
            request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        }

        return await client.SendAsync(request, Ct);
    }

    public static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).TryGetProperty("code", out var code) ? code.GetString() : null;
}
