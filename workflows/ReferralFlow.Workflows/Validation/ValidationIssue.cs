namespace ReferralFlow.Workflows.Validation;

/// <summary>How serious a validation issue is.</summary>
public enum IssueSeverity
{
    /// <summary>Publishing is refused.</summary>
    Error,
    /// <summary>Publishing is allowed; the element is ignored or behaves in a documented way.</summary>
    Warning,
}

/// <summary>One problem found in a BPMN document, located by element id where there is one.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Code">A stable machine-readable code, e.g. <c>unsupported-element</c>; hosts localise by code.</param>
/// <param name="ElementId">The BPMN element id, when the problem belongs to an element.</param>
/// <param name="Message">A clear English message.</param>
/// <param name="Line">The 1-based line in the XML where the element starts, if known.</param>
public sealed record ValidationIssue(IssueSeverity Severity, string Code, string? ElementId, string Message, int? Line = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Severity.ToString().ToLowerInvariant()} {Code}{(ElementId is null ? "" : $" [{ElementId}]")}{(Line is null ? "" : $" (line {Line})")}: {Message}";
}
