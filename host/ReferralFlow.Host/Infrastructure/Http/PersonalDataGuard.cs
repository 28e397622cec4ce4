using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// The one detector of resident registration numbers (주민등록번호), run on every text that is stored or logged: Korean
/// law allows storing one only where a statute permits, and consent is not enough, so it is never stored.
/// </summary>
/// <remarks>
/// <para>The text is compared in a normal form, so look-alikes do not slip through: Unicode NFKC (full-width digits and
/// dashes), any script's decimal digits as ASCII, invisible characters (zero-width space, joiners, BOM, soft hyphen,
/// combining marks) dropped — and, in a second pass, read as separators — and every dash (U+2010–2015, the minus sign
/// U+2212, …), dot, middle dot, slash, backslash, underscore, comma and whitespace read as a separator.</para>
/// <para>A number is six digits that are a real birth date (YYMMDD) and seven digits whose first is a gender/century
/// digit 1–8 matching that date, with no digit directly before or after. Written with a separator between the two
/// groups (the way people write one), that shape is enough. Thirteen digits in a row (as in a JSON number) also need
/// the check digit — which avoids refusing account and other long numbers — except for birth years from 2020: numbers
/// issued since October 2020 have random last digits and no valid check digit. A number reissued after 2020 to
/// someone born earlier and written without a separator is the accepted gap.</para>
/// </remarks>
internal static partial class PersonalDataGuard
{
    /// <summary>Longest string inside a free JSON value (variables); every typed field has its own, lower limit.</summary>
    public const int MaxJsonString = 4000;

    /// <summary>Longest property name inside a free JSON value.</summary>
    public const int MaxJsonPropertyName = 100;

    private static readonly int[] Weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];

    public static bool LooksLikeResidentNumber(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Count(c => char.IsDigit(c) || c > '\u007f') < 13)
        {
            return false;
        }

        var normal = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        return Detect(Canonical(normal, invisibleAsSeparator: false)) || Detect(Canonical(normal, invisibleAsSeparator: true));
    }

    /// <summary>A number as the digits someone typed (<c>9.001011234568E12</c> is <c>9001011234568</c>).</summary>
    public static bool LooksLikeResidentNumber(decimal number) =>
        LooksLikeResidentNumber(number.ToString(number == decimal.Truncate(number) ? "0" : "G", CultureInfo.InvariantCulture));

    /// <summary>A JSON number, read as <see cref="LooksLikeResidentNumber(decimal)"/>.</summary>
    public static bool LooksLikeResidentNumber(JsonElement number) =>
        number.ValueKind == JsonValueKind.Number
        && (number.TryGetDecimal(out var value) ? LooksLikeResidentNumber(value) : LooksLikeResidentNumber(number.GetRawText()));

    private static string Canonical(string text, bool invisibleAsSeparator)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsDigit(rune))
            {
                builder.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
            }
            else if (category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                if (invisibleAsSeparator)
                {
                    builder.Append('-');
                }
            }
            else if (category == UnicodeCategory.DashPunctuation || Rune.IsWhiteSpace(rune) || IsSeparator(rune.Value))
            {
                builder.Append('-');
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    private static bool IsSeparator(int c) =>
        c is '.' or '/' or '\\' or '_' or ',' or '·' or '・' or '･' or '‧' or '∙' or '⁃' or '−' or '∼' or '~' or '〜' or 'ー';

    private static bool Detect(string canonical)
    {
        foreach (Match match in Candidate().Matches(canonical))
        {
            if (IsResidentNumber(match.Groups["front"].Value, match.Groups["back"].Value, separated: match.Groups["sep"].Length > 0))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsResidentNumber(string front, string back, bool separated)
    {
        var century = back[0] switch
        {
            '1' or '2' or '5' or '6' => 1900,
            '3' or '4' or '7' or '8' => 2000,
            _ => 0,
        };
        var year = century + int.Parse(front[..2], CultureInfo.InvariantCulture);
        var month = int.Parse(front[2..4], CultureInfo.InvariantCulture);
        var day = int.Parse(front[4..], CultureInfo.InvariantCulture);
        if (century == 0 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        return separated || year >= 2020 || HasValidCheckDigit(front + back);
    }

    private static bool HasValidCheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += (digits[i] - '0') * Weights[i];
        }

        return (11 - sum % 11) % 10 == digits[12] - '0';
    }

    [GeneratedRegex(@"(?<![0-9])(?<front>[0-9]{6})(?<sep>-{0,4})(?<back>[0-9]{7})(?![0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Candidate();
}
