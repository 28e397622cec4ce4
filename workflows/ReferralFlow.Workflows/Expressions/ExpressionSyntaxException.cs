namespace ReferralFlow.Workflows.Expressions;

/// <summary>Internal control flow of the parser; <see cref="ExpressionParser.Parse"/> turns it into a result.</summary>
internal sealed class ExpressionSyntaxException : Exception
{
    public ExpressionSyntaxException()
    {
    }

    public ExpressionSyntaxException(string message)
        : base(message)
    {
    }

    public ExpressionSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ExpressionSyntaxException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>The 0-based position of the problem in the source.</summary>
    public int Position { get; }
}
