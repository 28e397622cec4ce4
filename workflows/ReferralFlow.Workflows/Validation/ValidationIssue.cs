using System.Collections.Frozen;

namespace ReferralFlow.Workflows.Validation;

/// <summary>How serious a validation issue is.</summary>
public enum IssueSeverity
{
    /// <summary>Publishing is refused.</summary>
    Error,
    /// <summary>Publishing is allowed; the element is ignored or behaves in a documented way.</summary>
    Warning,
}

/// <summary>One problem found in a BPMN document, located by element id and line where the document has them.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Code">A stable machine-readable code, e.g. <c>unsupported-element</c>; its texts are in <see cref="IssueTexts"/>.</param>
/// <param name="ElementId">The BPMN element id, when the problem belongs to an element.</param>
/// <param name="Message">The English text of the code with its arguments (<see cref="Text"/> gives other languages).</param>
/// <param name="Line">The 1-based line in the XML where the element (or the problem) is, if known.</param>
public sealed record ValidationIssue(IssueSeverity Severity, string Code, string? ElementId, string Message, int? Line = null)
{
    private static readonly IReadOnlyDictionary<string, string> NoArguments = FrozenDictionary<string, string>.Empty;

    /// <summary>The values the code's text names (short excerpts of element names, ids, values), by name.</summary>
    public IReadOnlyDictionary<string, string> Arguments { get; init; } = NoArguments;

    /// <summary>The issue's text in <paramref name="language"/> (<c>ko</c> or <c>en</c>).</summary>
    /// <param name="language">A two-letter language code.</param>
    public string Text(string language) => IssueTexts.IsComplete(Code) ? IssueTexts.Format(Code, Arguments, language) : Message;

    /// <summary>An issue whose message is the catalogue's English text of <paramref name="code"/>.</summary>
    /// <param name="severity">Error or warning.</param>
    /// <param name="code">The issue code (a key of <see cref="IssueTexts"/>).</param>
    /// <param name="elementId">The element, if any.</param>
    /// <param name="line">The line, if known.</param>
    /// <param name="arguments">The values the text names; each is cut to a short excerpt.</param>
    public static ValidationIssue Create(IssueSeverity severity, string code, string? elementId, int? line, IReadOnlyDictionary<string, string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var excerpts = arguments.Count == 0
            ? NoArguments
            : arguments.ToFrozenDictionary(a => a.Key, a => IssueTexts.Excerpt(a.Value), StringComparer.Ordinal);
        return new ValidationIssue(severity, code, elementId, IssueTexts.Format(code, excerpts, "en"), line) { Arguments = excerpts };
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Severity.ToString().ToLowerInvariant()} {Code}{(ElementId is null ? "" : $" [{ElementId}]")}{(Line is null ? "" : $" (line {Line})")}: {Message}";
}
