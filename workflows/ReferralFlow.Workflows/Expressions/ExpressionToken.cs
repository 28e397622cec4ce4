namespace ReferralFlow.Workflows.Expressions;

/// <summary>The kinds of token produced by <see cref="ExpressionLexer"/>.</summary>
internal enum TokenKind
{
    End,
    Error,
    Identifier,
    Number,
    String,
    True,
    False,
    Null,
    And,
    Or,
    Not,
    Bang,
    In,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Dot,
    Minus,
    EqualEqual,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
}

/// <summary>
/// One token. <see cref="Text"/> is the source slice for identifiers, keywords and operators, the unescaped value
/// for strings, and the message for <see cref="TokenKind.Error"/>.
/// </summary>
internal readonly record struct Token(TokenKind Kind, int Position, string Text, decimal Number = 0m)
{
    /// <summary>True for keywords, which may still be used as member names after a dot (<c>a.in</c>).</summary>
    public bool IsKeyword => Kind is TokenKind.True or TokenKind.False or TokenKind.Null or TokenKind.And
        or TokenKind.Or or TokenKind.Not or TokenKind.In;

    /// <summary>How the token is named in error messages.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of expression",
        TokenKind.String => "string literal",
        TokenKind.Number => $"number '{Text}'",
        _ => $"'{Text}'",
    };
}
