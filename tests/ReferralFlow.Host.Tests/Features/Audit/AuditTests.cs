using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Infrastructure;
using static ReferralFlow.Host.Tests.Features.Repair.RepairTestData;

namespace ReferralFlow.Host.Tests.Features.Audit;

public sealed class AuditTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_supervisor_may_not_read_the_audit_log()
    {
        var supervisor = await host.SignInAsync("nangok-dong.supervisor");

        var response = await supervisor.GetAsync("/api/audit", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Entries_come_newest_first_with_user_agency_and_referral_names()
    {
        var key = NewKey();
        var referral = await CreateReferralAsync(host, await PublishAsync(host, key, VisitThen(key)));
        var prefix = $"test-{Guid.NewGuid():N}.";
        var worker = await UserIdAsync("nangok-dong.worker");
        await AddAsync(
            Entry(prefix + "read", HostFixture.T0.AddHours(1), worker, "nangok-dong", referral.Id, "first"),
            Entry(prefix + "read", HostFixture.T0.AddHours(2), worker, "nangok-dong", referral.Id, "second"));
        var admin = await host.SignInAsync("gwanak-hub.admin");

        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/audit?action={prefix}", Ct);

        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["second", "first"], items.Select(i => i.GetProperty("detail").GetString()));
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        var newest = items[0];
        Assert.Equal(worker.ToString(), newest.GetProperty("userId").GetString());
        Assert.False(string.IsNullOrEmpty(newest.GetProperty("userName").GetString()));
        Assert.Equal(("nangok-dong", "난곡동 주민센터"), (newest.GetProperty("agencyId").GetString(), newest.GetProperty("agencyName").GetString()));
        Assert.Equal((referral.Id.ToString(), referral.Number), (newest.GetProperty("referralId").GetString(), newest.GetProperty("referralNumber").GetString()));
        Assert.Equal(HostFixture.T0.AddHours(2), newest.GetProperty("at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Filters_by_user_action_prefix_time_range_and_pages_by_cursor()
    {
        var prefix = $"test-{Guid.NewGuid():N}.";
        var worker = await UserIdAsync("sinsa-dong.worker");
        var other = await UserIdAsync("jowon-dong.worker");
        await AddAsync(
            Entry(prefix + "a", HostFixture.T0.AddDays(1), worker, "sinsa-dong", null, "1"),
            Entry(prefix + "a", HostFixture.T0.AddDays(2), worker, "sinsa-dong", null, "2"),
            Entry(prefix + "a", HostFixture.T0.AddDays(3), worker, "sinsa-dong", null, "3"),
            Entry(prefix + "b", HostFixture.T0.AddDays(2), worker, "sinsa-dong", null, "b"),
            Entry(prefix + "a", HostFixture.T0.AddDays(2), other, "sinsa-dong", null, "other"));
        var admin = await host.SignInAsync("gwanak-hub.admin");
        var filter = $"/api/audit?action={prefix}a&userId={worker}&from=2026-03-04T00:00:00Z&to=2026-03-06T00:00:00Z";

        var first = await admin.GetFromJsonAsync<JsonElement>(filter + "&limit=1", Ct);
        var second = await admin.GetFromJsonAsync<JsonElement>(filter + "&limit=1&cursor=" + first.GetProperty("nextCursor").GetString(), Ct);

        Assert.Equal(2, first.GetProperty("total").GetInt32());
        Assert.Equal("3", Assert.Single(first.GetProperty("items").EnumerateArray()).GetProperty("detail").GetString());
        Assert.Equal("2", Assert.Single(second.GetProperty("items").EnumerateArray()).GetProperty("detail").GetString());
        Assert.False(second.TryGetProperty("nextCursor", out _));
    }

    [Fact]
    public async Task A_limit_out_of_range_is_400_naming_limit()
    {
        var admin = await host.SignInAsync("gwanak-hub.admin");

        var response = await admin.GetAsync("/api/audit?limit=1000", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("limit", out _));
    }

    private static AuditEntry Entry(string action, DateTimeOffset at, Guid userId, string agencyId, Guid? referralId, string detail) =>
        new() { Action = action, At = at, UserId = userId, AgencyId = agencyId, ReferralId = referralId, Detail = detail };

    private async Task AddAsync(params AuditEntry[] entries)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        db.AuditLog.AddRange(entries);
        await db.SaveChangesAsync(Ct);
    }

    private async Task<Guid> UserIdAsync(string login)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var email = DemoData.Email(login);
        return await scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
    }
}
