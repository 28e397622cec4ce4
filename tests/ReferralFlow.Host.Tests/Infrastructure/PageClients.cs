using System.Text.RegularExpressions;
using ReferralFlow.Host.Features.Demo;

namespace ReferralFlow.Host.Tests.Infrastructure;

/// <summary>The worker pages over HTTP: a cookie sign-in, and form posts with the page's antiforgery token.</summary>
internal static partial class PageClients
{
    /// <summary>A client holding the browser cookie of a demo worker.</summary>
    public static Task<HttpClient> SignInToPagesAsync(this HostFixture host, string login) =>
        host.SignInAsync(DemoData.Email(login), DemoData.Password, useCookies: true);

    /// <summary>A page's text as a reader sees it (Razor writes Korean as character references).</summary>
    public static async Task<string> GetPageAsync(this HttpClient client, string url) =>
        System.Net.WebUtility.HtmlDecode(await client.GetStringAsync(url, TestContext.Current.CancellationToken));

    /// <summary>Posts a form to <paramref name="url"/> with the antiforgery token of the page at <paramref name="page"/>.</summary>
    public static async Task<string> PostFormAsync(this HttpClient client, string page, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await client.GetStringAsync(page, TestContext.Current.CancellationToken);
        var token = Token().Match(html).Groups["token"].Value;
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        var response = await client.PostAsync(url, content, TestContext.Current.CancellationToken);
        return System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex Token();
}
