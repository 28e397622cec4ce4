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

        if (IsoDuration.TryParse(text, out var due, out _))
        {
            return due;
        }

        if (rfDue is null)
        {
            issues.Add(Issue.Warning("due-ignored", id, task, ("value", text)));
            return null;
        }

        issues.Add(Issue.Error("invalid-duration", id, task, ("reason", "reason.due-not-duration"), ("value", text)));
        return null;
    }

    /// <summary>
    /// <c>rf:dueCalendar</c>: <c>working</c> counts the deadline in working days, which needs a days-only <c>rf:due</c>
    /// (<c>P3D</c>); <c>calendar</c> or absent is plain time.
    /// </summary>
    public static bool DueInWorkingDaysOf(XElement task, string id, IsoDuration? due, List<ValidationIssue> issues)
    {
        var attribute = task.Attribute(BpmnNames.Rf + "dueCalendar");
        switch (attribute?.Value.Trim())
        {
            case null or "" or "calendar":
                return false;
            case "working":
                // Days only, as written (P1W is not "five working days" to everyone): P<n>D with n >= 1.
                var text = ((string?)task.Attribute(BpmnNames.Rf + "due"))?.Trim() ?? "";
                if (due is not { Days: > 0 } || text.Length < 3 || text[0] != 'P' || text[^1] != 'D' || !text[1..^1].All(char.IsAsciiDigit))
                {
                    issues.Add(Issue.Error("working-days-due", id, task, ("value", text)));
                    return false;
                }

                return true;
            default:
                issues.Add(Issue.Error("invalid-due-calendar", id, task, ("value", attribute.Value)));
                return false;
        }
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
