using System.Collections.Frozen;
using System.Text;
using System.Text.Json;

namespace ReferralFlow.Workflows.Validation;

/// <summary>
/// The Korean and English texts of every issue code, from <c>Validation/issue-texts.json</c> (embedded; the host API
/// and the designer read the same file). A text names its arguments as <c>{name}</c>; <c>{@name}</c> inserts the text
/// whose key is that argument's value (a reason), formatted with the same arguments.
/// </summary>
public static class IssueTexts
{
    /// <summary>The languages every entry has.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["ko", "en"];

    /// <summary>The longest argument quoted in a message; longer values are cut with an ellipsis.</summary>
    public const int MaxArgumentLength = 80;

    private static readonly Lazy<FrozenDictionary<string, FrozenDictionary<string, string>>> Catalogue = new(Load);

    /// <summary>Every key of the catalogue (issue codes and the texts they refer to), with its text per language.</summary>
    public static IReadOnlyDictionary<string, FrozenDictionary<string, string>> Entries => Catalogue.Value;

    /// <summary>True when <paramref name="key"/> has a text in every language.</summary>
    public static bool IsComplete(string key) =>
        Catalogue.Value.TryGetValue(key, out var texts) && Languages.All(l => texts.TryGetValue(l, out var text) && text.Length > 0);

    /// <summary>
    /// The text of <paramref name="key"/> in <paramref name="language"/> (<c>ko</c> or <c>en</c>; English when the
    /// language has none), its arguments inserted; the key itself when the catalogue lacks it.
    /// </summary>
    /// <param name="key">An issue code or a text key such as <c>reason.sub-process</c>.</param>
    /// <param name="arguments">The issue's arguments.</param>
    /// <param name="language">A two-letter language code.</param>
    public static string Format(string key, IReadOnlyDictionary<string, string> arguments, string language)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return Format(key, arguments, language, depth: 0);
    }

    /// <summary>A short, single-line excerpt of an argument value: whitespace runs become one space, long values are cut.</summary>
    public static string Excerpt(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var sb = new StringBuilder(Math.Min(value.Length, MaxArgumentLength + 1));
        var space = false;
        foreach (var c in value.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            if (sb.Length >= MaxArgumentLength)
            {
                return sb.Append('…').ToString();
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static string Format(string key, IReadOnlyDictionary<string, string> arguments, string language, int depth)
    {
        if (!Catalogue.Value.TryGetValue(key, out var texts)
            || !(texts.TryGetValue(language, out var template) || texts.TryGetValue("en", out template)))
        {
            return key;
        }

        var sb = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open);
            if (close < 0)
            {
                sb.Append(template, i, template.Length - i);
                break;
            }

            sb.Append(template, i, open - i);
            var name = template[(open + 1)..close];
            var nested = name.StartsWith('@');
            if (nested)
            {
                name = name[1..];
            }

            if (!arguments.TryGetValue(name, out var value))
            {
                sb.Append(template, open, close - open + 1);
            }
            else
            {
                // Reasons never name reasons in the catalogue; the depth guard keeps a bad entry from looping.
                sb.Append(nested && depth < 2 ? Format(value, arguments, language, depth + 1) : value);
            }

            i = close + 1;
        }

        return sb.ToString();
    }

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        using var stream = typeof(IssueTexts).Assembly.GetManifestResourceStream("ReferralFlow.Workflows.Validation.issue-texts.json")!;
        using var document = JsonDocument.Parse(stream);
        var entries = new Dictionary<string, FrozenDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            entries[entry.Name] = entry.Value.EnumerateObject()
                .Where(p => p.Value.ValueKind == JsonValueKind.String)
                .ToFrozenDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        }

        return entries.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
