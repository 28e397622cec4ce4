namespace ReferralFlow.Workflows.Expressions;

/// <summary>
/// Thrown when a parsed expression cannot be evaluated over the given variables, for example when a string is
/// ordered against a number (<c>"a" &lt; 3</c>), when <c>and</c> receives a number, or when a condition does not
/// produce a boolean. Missing variables and missing members are not errors: they evaluate to null.
/// </summary>
public sealed class ExpressionEvaluationException : Exception
{
    /// <summary>Creates the exception with a default message.</summary>
    public ExpressionEvaluationException()
        : this("The expression could not be evaluated.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">A clear English description of the problem.</param>
    public ExpressionEvaluationException(string message)
        : this(message, -1)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    /// <param name="message">A clear English description of the problem.</param>
    /// <param name="innerException">The underlying exception.</param>
    public ExpressionEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Position = -1;
    }

    /// <summary>Creates the exception with a message and the position of the failing operator.</summary>
    /// <param name="message">A clear English description of the problem.</param>
    /// <param name="position">The 0-based character position in the expression source, or -1 when unknown.</param>
    public ExpressionEvaluationException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    /// <summary>The 0-based character position of the failing operator in the expression source, or -1 when unknown.</summary>
    public int Position { get; }
}
