using System.Diagnostics.CodeAnalysis;

namespace ReferralFlow.Workflows.Expressions;

/// <summary>The outcome of <see cref="ExpressionParser.Parse(string)"/>: either an expression or an error with its position.</summary>
/// <param name="Expression">The parsed expression, or null when parsing failed.</param>
/// <param name="Error">A clear English error message (ending with "at position N"), or null on success.</param>
/// <param name="ErrorPosition">The 0-based character position of the error in the source, or -1 on success.</param>
public sealed record ExpressionParseResult(Expression? Expression, string? Error, int ErrorPosition)
{
    /// <summary>True when parsing succeeded and <see cref="Expression"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Expression))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Success => Expression is not null;

    internal static ExpressionParseResult Ok(Expression expression) => new(expression, null, -1);

    internal static ExpressionParseResult Fail(string error, int position) => new(null, error, position);
}
