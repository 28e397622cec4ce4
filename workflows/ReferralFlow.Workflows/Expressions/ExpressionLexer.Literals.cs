using System.Globalization;
using System.Text;

namespace ReferralFlow.Workflows.Expressions;

/// <summary>Number and string literals.</summary>
internal static partial class ExpressionLexer
{
    private static Token ReadNumber(string source, ref int i, int end)
    {
        var start = i;
        while (i < end && char.IsAsciiDigit(source[i]))
        {
            i++;
        }

        // A fraction needs a digit after the dot; otherwise the dot is left for the parser to reject.
        if (i + 1 < end && source[i] == '.' && char.IsAsciiDigit(source[i + 1]))
        {
            i++;
            while (i < end && char.IsAsciiDigit(source[i]))
            {
                i++;
            }
        }

        var text = source[start..i];
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return new Token(TokenKind.Error, start, $"Number '{Shorten(text)}' is out of range at position {start}");
        }

        return new Token(TokenKind.Number, start, text, value);
    }

    private static Token ReadString(string source, ref int i, int end)
    {
        var start = i;
        var quote = source[i++];
        var segmentStart = i;
        StringBuilder? builder = null;
        while (i < end)
        {
            var c = source[i];
            if (c == quote)
            {
                string value;
                if (builder is null)
                {
                    value = source[segmentStart..i];
                }
                else
                {
                    value = builder.Append(source, segmentStart, i - segmentStart).ToString();
                }

                i++;
                return new Token(TokenKind.String, start, value);
            }

            if (c != '\\')
            {
                i++;
                continue;
            }

            if (i + 1 >= end)
            {
                break;
            }

            var escaped = source[i + 1] switch
            {
                '"' => '"',
                '\'' => '\'',
                '\\' => '\\',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => '\0',
            };
            if (escaped == '\0')
            {
                var shown = char.IsControl(source[i + 1]) || char.IsSurrogate(source[i + 1])
                    ? $"U+{(int)source[i + 1]:X4}"
                    : $"'\\{source[i + 1]}'";
                return new Token(TokenKind.Error, i, $"Invalid escape sequence {shown} at position {i}");
            }

            builder ??= new StringBuilder();
            builder.Append(source, segmentStart, i - segmentStart).Append(escaped);
            i += 2;
            segmentStart = i;
        }

        return new Token(TokenKind.Error, start, $"Unterminated string starting at position {start}");
    }

    private static string Shorten(string text) => text.Length <= 32 ? text : string.Concat(text.AsSpan(0, 32), "...");
}
