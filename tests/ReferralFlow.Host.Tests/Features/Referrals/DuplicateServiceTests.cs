using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Tests.Features.Tasks;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Tests.Features.Referrals;

/// <summary>
/// The seed's 서비스 중복 barrier: a second referral of the same household from another dong is held until the worker gives a
/// reason; the answer names the existing owner and contact, never the other referral's content; both owners get a notice.
/// </summary>
public sealed class DuplicateServiceTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_referral_of_the_household_from_another_dong_names_the_existing_owner_and_opens_only_with_a_reason()
    {
        var (name, first) = await OpenFirstAsync();
        var sinsa = await host.SignInOnceAsync("sinsa-dong.worker");
        var second = Body(name, "서울특별시 관악구  난곡로 1", "신사동");

        var held = await sinsa.PostAsJsonAsync("/api/referrals", second, Ct);
        var problem = await held.Content.ReadFromJsonAsync<JsonElement>(Ct);
        second["duplicateReason"] = "신사동으로 전입 예정, 기존 담당과 협의함";
        var opened = await sinsa.PostAsJsonAsync("/api/referrals", second, Ct);

        Assert.Equal(HttpStatusCode.Conflict, held.StatusCode);
        Assert.Equal("possible-duplicate", problem.GetProperty("code").GetString());
        var owner = Assert.Single(problem.GetProperty("owners").EnumerateArray());
        Assert.Equal("nangok-dong", owner.GetProperty("agencyId").GetString());
        Assert.Equal("nangok-dong@demo.referralflow.kr", owner.GetProperty("agencyEmail").GetString());
        Assert.Equal("김민지 주무관", owner.GetProperty("workerName").GetString());
        var text = problem.GetRawText();
        Assert.DoesNotContain(first.GetProperty("number").GetString()!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(first.GetProperty("id").GetString()!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("화재", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);

        var secondId = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        var stored = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == secondId, Ct);
        Assert.Equal("신사동으로 전입 예정, 기존 담당과 협의함", stored.DuplicateReason);
        Assert.Matches("^[0-9a-f]{64}$", stored.HouseholdKey!);
        Assert.DoesNotContain(name, stored.HouseholdKey!, StringComparison.Ordinal);
        var notices = await scope.ServiceProvider.GetRequiredService<WorkflowDbContext>().Outbox.AsNoTracking()
            .Where(m => m.Template == "possible-duplicate" && m.IdempotencyKey.Contains(secondId.ToString())).ToListAsync(Ct);
        Assert.Equal(["agency:nangok-dong", "agency:sinsa-dong"], notices.Select(m => m.To).Order());
        Assert.All(notices, m => Assert.DoesNotContain(name, m.DataJson!, StringComparison.Ordinal));
        Assert.All(notices, m => Assert.DoesNotContain("전입", m.DataJson!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_pre_check_warns_before_opening_and_a_different_birth_date_or_address_is_another_household()
    {
        var (name, _) = await OpenFirstAsync();
        var sinsa = await host.SignInOnceAsync("sinsa-dong.worker");

        var same = await CheckAsync(sinsa, new { name = $" {name} ", birthDate = "1951-09-30", address = "서울 관악구 난곡로 1" });
        var noAddress = await CheckAsync(sinsa, new { name, birthDate = "1951-09-30" });
        var otherBirth = await CheckAsync(sinsa, new { name, birthDate = "1951-09-29", address = "서울 관악구 난곡로 1" });
        var otherAddress = await CheckAsync(sinsa, new { name, birthDate = "1951-09-30", address = "서울 관악구 신사로 9" });
        var noBirth = await CheckAsync(sinsa, new { name });

        Assert.True(same.GetProperty("possibleDuplicate").GetBoolean());
        Assert.Equal("nangok-dong", same.GetProperty("owners")[0].GetProperty("agencyId").GetString());
        Assert.True(noAddress.GetProperty("possibleDuplicate").GetBoolean());
        Assert.False(otherBirth.GetProperty("possibleDuplicate").GetBoolean());
        Assert.False(otherAddress.GetProperty("possibleDuplicate").GetBoolean());
        Assert.False(noBirth.GetProperty("checked").GetBoolean());
    }

    [Fact]
    public async Task The_new_referral_page_checks_before_submitting_and_shows_the_existing_owner_and_a_reason_field()
    {
        var (name, first) = await OpenFirstAsync();
        var sinsa = await host.SignInToPagesAsync("sinsa-dong.worker");
        const string Page = "/referrals/new?workflowKey=hoarding-household&dong=신사동";

        var warned = await sinsa.PostFormAsync(Page, Page + "&handler=Check", [new("name", name), new("birthDate", "1951-09-30"), new("address", "서울 관악구 난곡로 1")]);
        var clear = await sinsa.PostFormAsync(Page, Page + "&handler=Check", [new("name", name), new("birthDate", "1951-09-29")]);

        Assert.Contains("data-testid=\"duplicate-warning\"", warned, StringComparison.Ordinal);
        Assert.Contains("난곡동 주민센터", warned, StringComparison.Ordinal);
        Assert.Contains("nangok-dong.worker@demo.referralflow.kr", warned, StringComparison.Ordinal);
        Assert.Contains("name=\"duplicateReason\"", warned, StringComparison.Ordinal);
        Assert.DoesNotContain(first.GetProperty("number").GetString()!, warned, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"duplicate-none\"", clear, StringComparison.Ordinal);
    }

    private async Task<(string Name, JsonElement Referral)> OpenFirstAsync()
    {
        var name = $"중복{Guid.NewGuid():N}"[..8];
        var nangok = await host.SignInOnceAsync("nangok-dong.worker");
        var response = await nangok.PostAsJsonAsync("/api/referrals", Body(name, "서울 관악구 난곡로 1", "난곡동"), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var referral = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (name, referral);
    }

    private static JsonObject Body(string name, string address, string dong)
    {
        var body = ReferralScenario.Body(address);
        body["dong"] = dong;
        body["household"]!["name"] = name;
        body["household"]!["birthDate"] = "1951-09-30";
        return body;
    }

    private static async Task<JsonElement> CheckAsync(HttpClient client, object household)
    {
        var response = await client.PostAsJsonAsync("/api/referrals/duplicate-check", household, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }
}
