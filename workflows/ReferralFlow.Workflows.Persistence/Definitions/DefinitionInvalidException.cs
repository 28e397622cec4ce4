using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>A draft could not be published (or a stored version no longer parses): the validation report.</summary>
public sealed class DefinitionInvalidException : Exception
{
    /// <summary>Creates the exception from the validation report.</summary>
    /// <param name="message">Summary.</param>
    /// <param name="issues">Every issue found (errors and warnings).</param>
    public DefinitionInvalidException(string message, IReadOnlyList<ValidationIssue> issues)
        : base(message) => Issues = issues;

    /// <summary>Creates the exception.</summary>
    public DefinitionInvalidException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public DefinitionInvalidException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DefinitionInvalidException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The validation report.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; } = [];
}
