using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ReferralFlow.Browser.Tests.Infrastructure;
using ReferralFlow.Host.Data;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Browser.Tests.Pages;

/// <summary>
/// Every worker page, visited by the people who use it, in Korean and in English: the <c>&lt;html lang&gt;</c> matches,
/// no resource key leaks into the page, Korean pages speak Korean and English pages' labels, headings and buttons carry
/// no Hangul beyond user and workflow data (agency, people's and household names, the workflow's step and field names).
/// </summary>
public sealed partial class LanguageTests(BrowserHostFixture host) : IClassFixture<BrowserHostFixture>
{
    [Theory]
    [InlineData("ko")]
    [InlineData("en")]
    public async Task Every_page_renders_in_the_chosen_language_without_untranslated_strings(string language)
    {
        var (referralId, taskId) = await DemoReferral.OpenAsync(host);
        var keys = ResourceKeys();
        var data = await DataWordsAsync();

        var problems = new List<string>();
        foreach (var (login, path) in DemoReferral.WorkerPages(referralId, taskId))
        {
            var page = await host.NewPageAsync(login.Length == 0 ? null : login, language);
            var response = await page.GotoAsync(path);
            Assert.True(response!.Ok, $"{path}: {response.Status}");
            var content = await ReadAsync(page);

            if (content.Lang != language)
            {
                problems.Add($"{path}: <html lang=\"{content.Lang}\">");
            }

            foreach (var (type, shown) in content.Events)
            {
                if (shown == type)
                {
                    problems.Add($"{path}: timeline event type '{type}' shown untranslated");
                }
            }

            foreach (var text in content.All)
            {
                foreach (Match key in KeyLike().Matches(text))
                {
                    if (keys.Contains(key.Value) || ResourcePrefixes.Contains(key.Value.Split('.')[0]))
                    {
                        problems.Add($"{path}: resource key '{key.Value}' shown");
                    }
                }

                foreach (Match identifier in Identifier().Matches(text))
                {
                    if (identifier.Value != "ReferralFlow")
                    {
                        problems.Add($"{path}: untranslated identifier '{identifier.Value}' in \"{text}\"");
                    }
                }
            }

            if (language == "ko")
            {
                if (!Hangul().IsMatch(content.Heading))
                {
                    problems.Add($"{path}: Korean page heading without Hangul: \"{content.Heading}\"");
                }
            }
            else
            {
                foreach (var text in content.Chrome)
                {
                    // Whole data texts (longest first) are taken out; any Hangul left is the app's own untranslated word.
                    var rest = data.Aggregate(text, (t, d) => t.Replace(d, " ", StringComparison.Ordinal));
                    var korean = HangulWord().Matches(rest).Select(m => m.Value).ToList();
                    if (korean.Count > 0)
                    {
                        problems.Add($"{path}: Korean in English page: \"{text}\" ({string.Join(", ", korean)})");
                    }
                }
            }

            if (language == "en" && path == "/inbox")
            {
                await BrowserHostFixture.ScreenshotAsync(page, "inbox-language-en");
            }

            await page.Context.CloseAsync();
        }

        Assert.True(problems.Count == 0, "Untranslated or wrong-language strings:\n" + string.Join("\n", problems.Distinct()));
    }

    private sealed record PageContent(
        string Lang, string Heading, IReadOnlyList<string> All, IReadOnlyList<string> Chrome, IReadOnlyList<(string Type, string Shown)> Events);

    /// <summary>The page's language, its h1, all visible text and labelling attributes, and the "chrome": the texts the app itself writes.</summary>
    private static async Task<PageContent> ReadAsync(IPage page)
    {
        var json = await page.EvaluateAsync<JsonElement>("""
            () => {
              const attrs = ['aria-label', 'placeholder', 'title', 'alt'];
              const labelled = [...document.querySelectorAll(attrs.map(a => `[${a}]`).join(','))]
                .flatMap(e => attrs.map(a => e.getAttribute(a)).filter(v => v));
              const values = [...document.querySelectorAll('input[type=submit], input[type=button]')].map(e => e.value);
              const chrome = [...document.querySelectorAll('h1, h2, label, button, th, legend, caption, summary, nav a, .badge, title')]
                .map(e => (e.innerText ?? e.textContent ?? '').trim()).filter(t => t);
              return {
                lang: document.documentElement.lang,
                heading: document.querySelector('h1')?.innerText ?? '',
                all: [document.title, document.body.innerText, ...labelled, ...values],
                chrome: [document.title, ...chrome, ...labelled, ...values],
                events: [...document.querySelectorAll('[data-event]')].map(e => [e.dataset.event, e.innerText.trim()]),
              };
            }
            """);
        static List<string> List(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetString() ?? "")];
        return new PageContent(json.GetProperty("lang").GetString()!, json.GetProperty("heading").GetString()!,
            List(json.GetProperty("all")), List(json.GetProperty("chrome")),
            [.. json.GetProperty("events").EnumerateArray().Select(e => (e[0].GetString() ?? "", e[1].GetString() ?? ""))]);
    }

    /// <summary>The first segments of the resource keys (App, Nav, Referral, State, …): "State.open" shown as such is a missing string.</summary>
    private static readonly HashSet<string> ResourcePrefixes = [.. ResourceKeys().Select(k => k.Split('.')[0])];

    private static HashSet<string> ResourceKeys()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../host/ReferralFlow.Host/Resources"));
        return [.. new[] { "UiText.resx", "UiText.en.resx" }
            .SelectMany(f => XDocument.Load(Path.Combine(root, f)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!))];
    }

    /// <summary>
    /// Texts that are data, not the app's own words, and may be Korean on an English page: agency and people's names, the
    /// household, and the names written into the published workflows (steps, roles, lanes, outcome fields and options).
    /// </summary>
    private async Task<List<string>> DataWordsAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>();
        var workflow = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var words = new List<string> { DemoReferral.HouseholdName, DemoReferral.ConsentedBy };
        words.AddRange(await db.Agencies.Select(a => a.Name).ToListAsync(TestContext.Current.CancellationToken));
        words.AddRange(await db.Users.Select(u => u.DisplayName).ToListAsync(TestContext.Current.CancellationToken));
        foreach (var xml in await workflow.Versions.Select(v => v.Xml).ToListAsync(TestContext.Current.CancellationToken))
        {
            words.AddRange(XDocument.Parse(xml).Descendants().SelectMany(e => e.Attributes()).Select(a => a.Value).Where(v => Hangul().IsMatch(v)));
        }

        return [.. words.Where(w => w.Length > 0).Distinct().OrderByDescending(w => w.Length)];
    }

    /// <summary>Something shaped like a resource key: "Referral.Title", "Event.TaskCompleted".</summary>
    [GeneratedRegex(@"\b[A-Z][A-Za-z]*\.[A-Za-z][A-Za-z0-9_.]*\b")]
    private static partial Regex KeyLike();

    /// <summary>A code identifier shown as text (an event type or status without a translation): "TaskCompleted", "InProgress".</summary>
    [GeneratedRegex(@"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"\p{IsHangulSyllables}")]
    private static partial Regex Hangul();

    [GeneratedRegex(@"[\p{IsHangulSyllables}]+")]
    private static partial Regex HangulWord();
}
