using System.Globalization;
using System.Security.Claims;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Ui;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// The language of a request (Korean or English): the <c>lang</c> cookie (the pages' switch) first, then the signed-in
/// worker's saved language, then — for the API, whose callers have no switch — <c>Accept-Language</c>, else Korean.
/// The request localization middleware and the problem writers, which run outside it, ask the same.
/// </summary>
public static class RequestLanguage
{
    public static readonly CultureInfo Korean = new("ko");

    public static readonly CultureInfo English = new("en");

    public static string Resolve(HttpContext context) =>
        Known(context.Request.Cookies[UiExtensions.LanguageCookie])
        ?? Known(context.User.FindFirstValue(ReferralFlowClaimsFactory.LanguageClaim))
        ?? (context.Request.Path.StartsWithSegments("/api") ? Accepted(context.Request) : null)
        ?? "ko";

    public static CultureInfo Culture(HttpContext context) => Resolve(context) == "en" ? English : Korean;

    private static string? Known(string? language) => language is "ko" or "en" ? language : null;

    // The first of ko/en by quality (ties keep the header's order); ko-KR, en-US and the like count as their language.
    private static string? Accepted(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage
            .Where(v => v.Quality is not <= 0)
            .OrderByDescending(v => v.Quality ?? 1)
            .Select(v => Known(v.Value.Value?.Split('-')[0].ToLowerInvariant()))
            .FirstOrDefault(l => l is not null);
}
