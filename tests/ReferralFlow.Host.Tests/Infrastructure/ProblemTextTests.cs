using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Host.Resources;

namespace ReferralFlow.Host.Tests.Infrastructure;

/// <summary>The problem texts: both languages have every key with the same placeholders, and every code and label has a text.</summary>
public sealed partial class ProblemTextTests
{
    private static readonly Dictionary<string, string> Korean = Texts(CultureInfo.InvariantCulture);
    private static readonly Dictionary<string, string> English = Texts(new CultureInfo("en"));

    [Fact]
    public void Korean_and_English_have_the_same_keys_with_the_same_placeholders()
    {
        Assert.NotEmpty(Korean);
        Assert.Equal(Korean.Keys.Order(StringComparer.Ordinal), English.Keys.Order(StringComparer.Ordinal));
        Assert.All(Korean, k => Assert.Equal(Placeholders(k.Value), Placeholders(English[k.Key])));
        Assert.All(Korean, k => Assert.Matches(KebabKey(), k.Key));
    }

    [Fact]
    public void Every_problem_code_and_label_has_a_text_in_both_languages_and_Korean_texts_are_Korean()
    {
        var codes = Statics<ProblemCode>().Select(c => c.Value).ToList();
        var labels = Statics<ProblemLabel>().Select(l => l.Key).ToList();

        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.All(codes.Concat(labels), key => Assert.True(Korean.ContainsKey(key) && English.ContainsKey(key), $"'{key}' has no text"));
        Assert.All(codes.Concat(labels), key => Assert.Contains(Korean[key], c => c is >= '\uAC00' and <= '\uD7A3'));
        Assert.All(English.Values, text => Assert.DoesNotContain(text, c => c is >= '\uAC00' and <= '\uD7A3'));
    }

    [Fact]
    public void Every_status_with_its_own_code_has_a_title()
    {
        var statuses = Enumerable.Range(400, 200).Where(s => ProblemCode.ForStatus(s) != ProblemCode.Error).ToList();

        Assert.Contains(404, statuses);
        Assert.All(statuses, s => Assert.True(Korean.ContainsKey($"title-{s}") && English.ContainsKey($"title-{s}"), $"no title-{s}"));
    }

    private static Dictionary<string, string> Texts(CultureInfo culture)
    {
        var set = ProblemText.Manager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No problem texts for '{culture.Name}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }

    private static IEnumerable<T> Statics<T>() =>
        typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(T)).Select(f => (T)f.GetValue(null)!);

    private static string[] Placeholders(string text) =>
        [.. Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex KebabKey();
}
