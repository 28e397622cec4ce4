using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>The result of parsing and validating a BPMN document.</summary>
/// <param name="Definition">The executable graph, when the document could be read far enough to build one (it may still have errors).</param>
/// <param name="Issues">Every problem found, each located by element id where possible.</param>
public sealed record BpmnParseResult(WorkflowDefinition? Definition, IReadOnlyList<ValidationIssue> Issues)
{
    /// <summary>True when there is a definition and no error: the document may be published and run.</summary>
    public bool IsValid => Definition is not null && !Issues.Any(i => i.Severity == IssueSeverity.Error);

    /// <summary>The errors only.</summary>
    public IEnumerable<ValidationIssue> Errors => Issues.Where(i => i.Severity == IssueSeverity.Error);
}
