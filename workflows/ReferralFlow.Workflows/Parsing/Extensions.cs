using System.Xml.Linq;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>Reads <c>rf:</c> attributes, falling back to Camunda 7 and Zeebe equivalents where their meaning is clear.</summary>
internal static class Extensions
{
    public static string? RoleOf(XElement task)
    {
        if ((string?)task.Attribute(BpmnNames.Rf + "role") is { Length: > 0 } role)
        {
            return role.Trim();
        }

        var groups = (string?)task.Attribute(BpmnNames.Camunda + "candidateGroups")
            ?? (string?)task.Element(BpmnNames.Bpmn + "extensionElements")
                ?.Element(BpmnNames.Zeebe + "assignmentDefinition")?.Attribute("candidateGroups");
        var first = groups?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is null || first.Contains("${", StringComparison.Ordinal) || first.StartsWith('=') ? null : first;
    }

    public static IsoDuration? DueOf(XElement task, string id, List<ValidationIssue> issues)
    {
        var rfDue = (string?)task.Attribute(BpmnNames.Rf + "due");
        var text = rfDue ?? (string?)task.Attribute(BpmnNames.Camunda + "dueDate");
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (IsoDuration.TryParse(text, out var due, out var error))
        {
            return due;
        }

        if (rfDue is null)
        {
            issues.Add(Issue.Warning("due-ignored", id, $"camunda:dueDate '{text}' is not an ISO 8601 duration; the task gets no deadline.", task));
            return null;
        }

        issues.Add(Issue.Error("invalid-duration", id, $"rf:due: {error}", task));
        return null;
    }

    public static string? SendTypeOf(XElement task) =>
        (string?)task.Attribute(BpmnNames.Rf + "type")
        ?? (string?)task.Element(BpmnNames.Bpmn + "extensionElements")?.Element(BpmnNames.Zeebe + "taskDefinition")?.Attribute("type");

    public static string? DocumentationOf(XElement element)
    {
        var text = string.Join("\n", element.Elements(BpmnNames.Bpmn + "documentation").Select(d => d.Value.Trim()));
        return text.Length == 0 ? null : text;
    }
}
