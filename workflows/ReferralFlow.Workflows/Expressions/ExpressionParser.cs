using System.Collections.Frozen;

namespace ReferralFlow.Workflows.Expressions;

/// <summary>
/// Parses condition expressions. The language: <c>true</c>, <c>false</c>, <c>null</c>, decimal numbers, quoted strings,
/// lists (<c>["a", 3]</c>), dotted variable paths (<c>needs.cleaning</c>), <c>or</c>/<c>||</c>, <c>and</c>/<c>&amp;&amp;</c>,
/// <c>not</c>/<c>!</c>, <c>==</c> <c>!=</c> <c>&lt;</c> <c>&lt;=</c> <c>&gt;</c> <c>&gt;=</c>, <c>in</c>/<c>not in</c>,
/// unary minus and parentheses. A surrounding <c>${ }</c> (JUEL) or a leading <c>=</c> (FEEL) is ignored.
/// </summary>
public static class ExpressionParser
{
    /// <summary>The longest accepted source, in characters.</summary>
    public const int MaxLength = 4000;

    /// <summary>The deepest accepted nesting of parentheses, list brackets and unary operators.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Parses an expression. Never throws: on failure the result carries a clear English message and the 0-based
    /// character position (in <paramref name="source"/>) of the problem.
    /// </summary>
    /// <param name="source">The expression text, e.g. <c>risk == "고위험" or ${amount &gt; 100}</c>.</param>
    /// <returns>The expression, or an error with its position.</returns>
    public static ExpressionParseResult Parse(string source)
    {
        if (source is null)
        {
            return ExpressionParseResult.Fail("Empty expression at position 0", 0);
        }

        if (source.Length > MaxLength)
        {
            return ExpressionParseResult.Fail(
                $"Expression is longer than {MaxLength} characters at position {MaxLength}", MaxLength);
        }

        var start = 0;
        var end = source.Length;
        Trim(source, ref start, ref end);
        if (end - start >= 2 && source[start] == '$' && source[start + 1] == '{')
        {
            if (source[end - 1] != '}')
            {
                return ExpressionParseResult.Fail(
                    $"Unterminated '${{' starting at position {start}; expected '}}' at the end", start);
            }

            start += 2;
            end--;
            Trim(source, ref start, ref end);
        }
        else if (start < end && source[start] == '=' && (start + 1 == end || source[start + 1] != '='))
        {
            start++;
            Trim(source, ref start, ref end);
        }

        if (start >= end)
        {
            return ExpressionParseResult.Fail($"Empty expression at position {start}", start);
        }

        var parser = new SyntaxParser(ExpressionLexer.Tokenize(source, start, end));
        try
        {
            var root = parser.ParseExpression();
            var names = parser.Variables.ToFrozenSet(StringComparer.Ordinal);
            return ExpressionParseResult.Ok(new Expression(source, root, names));
        }
        catch (ExpressionSyntaxException error)
        {
            return ExpressionParseResult.Fail(error.Message, error.Position);
        }
    }

    private static void Trim(string source, ref int start, ref int end)
    {
        while (start < end && char.IsWhiteSpace(source[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(source[end - 1]))
        {
            end--;
        }
    }
}
