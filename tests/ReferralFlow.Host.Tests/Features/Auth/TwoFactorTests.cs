using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Auth;

/// <summary>TOTP two-factor sign-in on the token endpoint, recovery codes, the district's requirement and the administrator's reset.</summary>
public sealed class TwoFactorTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_is_refused_without_the_code_or_with_a_wrong_one_and_issued_with_the_authenticator_code()
    {
        var email = DemoData.Email("nangok-dong.worker");
        var worker = await host.SignInAsync("nangok-dong.worker");
        await host.EnrolAsync(worker, email);
        var key = host.AuthenticatorKeys[email];
        var wrong = Totp.Code(key, DateTimeOffset.UtcNow.AddHours(-1));

        var missing = await LoginAsync(new { email, password = DemoData.Password });
        var invalid = await LoginAsync(new { email, password = DemoData.Password, twoFactorCode = wrong == Totp.Now(key) ? "000000" : wrong });
        var accepted = await LoginAsync(new { email, password = DemoData.Password, twoFactorCode = Totp.Now(key) });

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("two-factor-required", await CodeAsync(missing));
        Assert.Equal(HttpStatusCode.Unauthorized, invalid.StatusCode);
        Assert.Equal("two-factor-invalid", await CodeAsync(invalid));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.False(string.IsNullOrEmpty((await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString()));
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        var email = DemoData.Email("sillim-welfare.worker");
        var codes = await host.EnrolAsync(await host.SignInAsync("sillim-welfare.worker"), email);
        Assert.Equal(10, codes.Count);

        var first = await LoginAsync(new { email, password = DemoData.Password, recoveryCode = codes[0] });
        var again = await LoginAsync(new { email, password = DemoData.Password, recoveryCode = codes[0] });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        Assert.Equal("two-factor-invalid", await CodeAsync(again));
    }

    [Fact]
    public async Task Administrators_must_enrol_before_anything_else()
    {
        var client = host.Anonymous();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = DemoData.Email("gwanak-hub.admin"), password = DemoData.Password }, Ct);
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString());

        var held = await client.GetAsync("/api/admin/workers", Ct);
        var status = await client.GetFromJsonAsync<JsonElement>("/api/auth/two-factor", Ct);
        await host.EnrolAsync(client, DemoData.Email("gwanak-hub.admin"));

        Assert.Equal(HttpStatusCode.Forbidden, held.StatusCode);
        Assert.Equal("two-factor-enrolment-required", await CodeAsync(held));
        Assert.True(status.GetProperty("required").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/admin/workers", Ct)).StatusCode);
    }

    [Fact]
    public async Task A_district_requiring_it_holds_case_readers_until_they_enrol_and_an_administrator_can_reset_it()
    {
        var worker = await host.SignInAsync("dongjak-welfare.worker");
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/api/tasks", Ct)).StatusCode);
        var admin = await host.SignInAsync("dongjak-hub.districtadmin");
        var settings = await (await admin.GetAsync("/api/admin/settings", Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var put = await admin.PutAsJsonAsync("/api/admin/settings", new
        {
            version = settings.GetProperty("version").GetInt32(),
            holidays = settings.GetProperty("holidays"),
            policies = settings.GetProperty("policies"),
            defaultPolicy = settings.GetProperty("defaultPolicy").GetString(),
            retentionYears = settings.GetProperty("retentionYears").GetInt32(),
            requireTwoFactorForCaseReaders = true,
        }, Ct);
        put.EnsureSuccessStatusCode();

        var held = await worker.GetAsync("/api/tasks", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, held.StatusCode);
        Assert.Equal("two-factor-enrolment-required", await CodeAsync(held));
        var enrolled = await host.SignInAsync("dongjak-welfare.worker");
        Assert.Equal(HttpStatusCode.OK, (await enrolled.GetAsync("/api/tasks", Ct)).StatusCode);

        var id = (await enrolled.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct)).GetProperty("id").GetGuid();
        var reset = await admin.PostAsync($"/api/admin/workers/{id}/reset-two-factor", null, Ct);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.False((await reset.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("twoFactorEnabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await enrolled.GetAsync("/api/tasks", Ct)).StatusCode);
        var again = await LoginAsync(new { email = DemoData.Email("dongjak-welfare.worker"), password = DemoData.Password });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    private Task<HttpResponseMessage> LoginAsync(object body) => host.Anonymous().PostAsJsonAsync("/api/auth/login", body, Ct);

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString();
}
