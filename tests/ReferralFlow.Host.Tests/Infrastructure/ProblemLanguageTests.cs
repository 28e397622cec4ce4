using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Host.Resources;

namespace ReferralFlow.Host.Tests.Infrastructure;

/// <summary>Problem responses carry a stable code and speak the caller's language: lang cookie, saved language, Accept-Language, Korean.</summary>
public sealed class ProblemLanguageTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string EnglishWorker = "sinsa-dong.worker";

    private static readonly CultureInfo Ko = new("ko");
    private static readonly CultureInfo En = new("en");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_same_bad_request_is_Korean_for_a_Korean_worker_and_English_for_one_who_saved_English_with_the_same_codes()
    {
        var korean = await host.SignInAsync("nangok-dong.worker");
        var english = await SignInEnglishAsync();

        var ko = await ProblemAsync(await korean.GetAsync("/api/agencies?kind=spaceship", Ct), HttpStatusCode.BadRequest);
        var en = await ProblemAsync(await english.GetAsync("/api/agencies?kind=spaceship", Ct), HttpStatusCode.BadRequest);

        Assert.Equal("invalid-request", ko.GetProperty("code").GetString());
        Assert.Equal("invalid-request", en.GetProperty("code").GetString());
        Assert.Equal(["value-not-allowed"], Codes(ko, "kind"));
        Assert.Equal(["value-not-allowed"], Codes(en, "kind"));
        Assert.Equal("잘못된 요청", ko.GetProperty("title").GetString());
        Assert.Equal("Invalid request", en.GetProperty("title").GetString());
        Assert.StartsWith("다음 중 하나를 쓰세요: ", Message(ko, "kind"), StringComparison.Ordinal);
        Assert.StartsWith("Use one of: ", Message(en, "kind"), StringComparison.Ordinal);
        Assert.Equal(Message(ko, "kind"), ko.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_required_field_names_its_label_in_the_language_of_the_message()
    {
        var korean = await host.SignInAsync("nangok-dong.worker");
        var english = await SignInEnglishAsync();

        var ko = await ProblemAsync(await korean.PostAsJsonAsync("/api/referrals", new { }, Ct), HttpStatusCode.BadRequest);
        var en = await ProblemAsync(await english.PostAsJsonAsync("/api/referrals", new { }, Ct), HttpStatusCode.BadRequest);

        Assert.Equal(["field-required"], Codes(ko, "workflowKey"));
        Assert.Equal(["field-required"], Codes(en, "workflowKey"));
        Assert.Equal(["consent-required"], Codes(en, "consent"));
        Assert.Equal("'업무 흐름' 항목은 필수입니다.", Message(ko, "workflowKey"));
        Assert.Equal("'Workflow' is required.", Message(en, "workflowKey"));
        Assert.DoesNotContain(en.GetProperty("errors").EnumerateObject().SelectMany(f => f.Value.EnumerateArray()), m => HasHangul(m.GetString()!));
    }

    [Fact]
    public async Task A_not_found_raised_by_a_use_case_is_localised_with_its_code()
    {
        var korean = await host.SignInAsync("nangok-dong.worker");
        var english = await SignInEnglishAsync();
        var id = Guid.NewGuid();

        var ko = await ProblemAsync(await korean.GetAsync($"/api/referrals/{id}", Ct), HttpStatusCode.NotFound);
        var en = await ProblemAsync(await english.GetAsync($"/api/referrals/{id}", Ct), HttpStatusCode.NotFound);

        Assert.Equal("referral-not-found", ko.GetProperty("code").GetString());
        Assert.Equal("referral-not-found", en.GetProperty("code").GetString());
        Assert.Equal(ProblemText.Get("referral-not-found", Ko), ko.GetProperty("detail").GetString());
        Assert.Equal("The referral was not found.", en.GetProperty("detail").GetString());
        Assert.Equal("Not found", en.GetProperty("title").GetString());
        Assert.True(ko.TryGetProperty("traceId", out _));
    }

    [Theory]
    [InlineData("en", "Not signed in", "Sign in first.")]
    [InlineData("en-US,en;q=0.9", "Not signed in", "Sign in first.")]
    [InlineData("fr-FR, en;q=0.5, ko;q=0.4", "Not signed in", "Sign in first.")]
    [InlineData("ko-KR,ko;q=0.9,en;q=0.8", "로그인 필요", "먼저 로그인하세요.")]
    [InlineData("fr", "로그인 필요", "먼저 로그인하세요.")]
    [InlineData(null, "로그인 필요", "먼저 로그인하세요.")]
    public async Task Accept_Language_chooses_the_language_of_an_anonymous_api_caller(string? acceptLanguage, string title, string detail)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/agencies");
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var problem = await ProblemAsync(await host.Anonymous().SendAsync(request, Ct), HttpStatusCode.Unauthorized);

        Assert.Equal("unauthorized", problem.GetProperty("code").GetString());
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_saved_language_wins_over_Accept_Language_and_the_lang_cookie_over_both()
    {
        var korean = await host.SignInAsync("nangok-dong.worker");
        var english = await SignInEnglishAsync();
        var path = $"/api/referrals/{Guid.NewGuid()}";

        var savedKorean = await SendAsync(korean, path, acceptLanguage: "en");
        var cookieEnglish = await SendAsync(korean, path, cookie: "en");
        var cookieKorean = await SendAsync(english, path, acceptLanguage: "en", cookie: "ko");

        Assert.Equal("찾을 수 없음", savedKorean.GetProperty("title").GetString());
        Assert.Equal("Not found", cookieEnglish.GetProperty("title").GetString());
        Assert.Equal("찾을 수 없음", cookieKorean.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Status_code_pages_and_unreadable_bodies_get_a_code_and_the_callers_language()
    {
        var english = await SignInEnglishAsync();

        var missing = await ProblemAsync(await english.GetAsync("/api/no-such-endpoint", Ct), HttpStatusCode.NotFound);
        var unreadable = await ProblemAsync(
            await english.PostAsync("/api/referrals", new StringContent("{ not json", Encoding.UTF8, "application/json"), Ct), HttpStatusCode.BadRequest);

        Assert.Equal("not-found", missing.GetProperty("code").GetString());
        Assert.Equal("Not found", missing.GetProperty("title").GetString());
        Assert.Equal("Nothing was found here.", missing.GetProperty("detail").GetString());
        Assert.Equal("invalid-request", unreadable.GetProperty("code").GetString());
        Assert.Equal("Invalid request", unreadable.GetProperty("title").GetString());
        Assert.False(HasHangul(unreadable.GetProperty("detail").GetString()!));
    }

    [Fact]
    public void An_api_exception_reads_in_the_current_ui_culture_as_the_pages_show_it()
    {
        var exception = ApiException.Invalid("dong", ProblemCode.DongUnknown, "봉천동", "관악구");
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Ko;
            var korean = (exception.Title, exception.Errors!["dong"].Single());
            CultureInfo.CurrentUICulture = En;
            var english = (exception.Title, exception.Errors!["dong"].Single());

            Assert.Equal(("잘못된 요청", "'봉천동'은(는) 관악구의 동이 아닙니다."), korean);
            Assert.Equal(("Invalid request", "'봉천동' is not a dong of 관악구."), english);
            Assert.Equal(["dong-unknown"], exception.ErrorCodes!["dong"]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private async Task<HttpClient> SignInEnglishAsync()
    {
        using (var scope = host.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
            var email = DemoData.Email(EnglishWorker);
            var user = await db.Users.SingleAsync(u => u.Email == email, Ct);
            user.Language = "en";
            await db.SaveChangesAsync(Ct);
        }

        return await host.SignInAsync(EnglishWorker);
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, string path, string? acceptLanguage = null, string? cookie = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", $"lang={cookie}");
        }

        return await ProblemAsync(await client.SendAsync(request, Ct), HttpStatusCode.NotFound);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static string[] Codes(JsonElement problem, string field) =>
        [.. problem.GetProperty("errorCodes").GetProperty(field).EnumerateArray().Select(c => c.GetString()!)];

    private static string Message(JsonElement problem, string field) =>
        Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString()!;

    private static bool HasHangul(string text) => text.Any(c => c is >= '\uAC00' and <= '\uD7A3');
}
