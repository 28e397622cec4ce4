namespace ReferralFlow.Workflows.Expressions;

/// <summary>
/// Splits the source range into tokens. Never throws: the first lexical error becomes a final
/// <see cref="TokenKind.Error"/> token so that earlier syntax errors are still reported first.
/// </summary>
internal static partial class ExpressionLexer
{
    public static List<Token> Tokenize(string source, int start, int end)
    {
        var tokens = new List<Token>();
        var i = start;
        while (true)
        {
            while (i < end && char.IsWhiteSpace(source[i]))
            {
                i++;
            }

            if (i >= end)
            {
                tokens.Add(new Token(TokenKind.End, end, ""));
                return tokens;
            }

            var token = Next(source, ref i, end);
            tokens.Add(token);
            if (token.Kind == TokenKind.Error)
            {
                return tokens;
            }
        }
    }

    private static Token Next(string source, ref int i, int end)
    {
        var start = i;
        var c = source[i];
        if (char.IsAsciiDigit(c))
        {
            return ReadNumber(source, ref i, end);
        }

        if (c is '"' or '\'')
        {
            return ReadString(source, ref i, end);
        }

        if (IsIdentifierStart(source, i))
        {
            return ReadIdentifier(source, ref i, end);
        }

        var next = i + 1 < end ? source[i + 1] : '\0';
        (TokenKind Kind, int Length) op = (c, next) switch
        {
            ('=', '=') => (TokenKind.EqualEqual, 2),
            ('!', '=') => (TokenKind.NotEqual, 2),
            ('<', '=') => (TokenKind.LessEqual, 2),
            ('>', '=') => (TokenKind.GreaterEqual, 2),
            ('&', '&') => (TokenKind.And, 2),
            ('|', '|') => (TokenKind.Or, 2),
            ('<', _) => (TokenKind.Less, 1),
            ('>', _) => (TokenKind.Greater, 1),
            ('!', _) => (TokenKind.Bang, 1),
            ('(', _) => (TokenKind.LeftParen, 1),
            (')', _) => (TokenKind.RightParen, 1),
            ('[', _) => (TokenKind.LeftBracket, 1),
            (']', _) => (TokenKind.RightBracket, 1),
            (',', _) => (TokenKind.Comma, 1),
            ('.', _) => (TokenKind.Dot, 1),
            ('-', _) => (TokenKind.Minus, 1),
            _ => (TokenKind.Error, 0),
        };

        if (op.Kind != TokenKind.Error)
        {
            i += op.Length;
            return new Token(op.Kind, start, source.Substring(start, op.Length));
        }

        var message = c switch
        {
            '=' => $"Unexpected '=' at position {start}; use '==' to compare",
            '&' => $"Unexpected '&' at position {start}; use '&&' or 'and'",
            '|' => $"Unexpected '|' at position {start}; use '||' or 'or'",
            _ when char.IsControl(c) || char.IsSurrogate(c) =>
                $"Unexpected character U+{(int)c:X4} at position {start}",
            _ => $"Unexpected character '{c}' at position {start}",
        };
        return new Token(TokenKind.Error, start, message);
    }

    private static bool IsIdentifierStart(string source, int i) =>
        source[i] == '_' || char.IsLetter(source, i);

    private static bool IsIdentifierPart(string source, int i) =>
        source[i] == '_' || char.IsLetterOrDigit(source, i);

    private static Token ReadIdentifier(string source, ref int i, int end)
    {
        var start = i;
        while (i < end && IsIdentifierPart(source, i))
        {
            // A surrogate pair is one letter; step over both halves.
            i += char.IsHighSurrogate(source[i]) && i + 1 < end && char.IsLowSurrogate(source[i + 1]) ? 2 : 1;
        }

        var text = source[start..i];
        var kind = KeywordKind(text);
        return new Token(kind, start, text);
    }

    private static TokenKind KeywordKind(string text)
    {
        if (text.Length > 5)
        {
            return TokenKind.Identifier;
        }

        // Keywords are case-insensitive so that TRUE or And never silently become a (missing) variable.
        return text.ToLowerInvariant() switch
        {
            "true" => TokenKind.True,
            "false" => TokenKind.False,
            "null" => TokenKind.Null,
            "and" => TokenKind.And,
            "or" => TokenKind.Or,
            "not" => TokenKind.Not,
            "in" => TokenKind.In,
            _ => TokenKind.Identifier,
        };
    }
}
