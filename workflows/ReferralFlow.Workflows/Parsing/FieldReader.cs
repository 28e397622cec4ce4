using System.Xml.Linq;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>
/// Reads the outcome form of a user task: <c>rf:field</c> elements (with <c>rf:option</c> for selects), else a Camunda form
/// given inline (<see cref="CamundaForms"/>).
/// </summary>
internal static class FieldReader
{
    public static IReadOnlyList<FormField> Read(XElement task, string taskId, List<ValidationIssue> issues)
    {
        var elements = task.Element(BpmnNames.Bpmn + "extensionElements")?.Elements(BpmnNames.Rf + "field").ToList();
        if (elements is not { Count: > 0 })
        {
            return CamundaForms.Read(task, taskId, issues);
        }

        var fields = new List<FormField>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            var id = ((string?)element.Attribute("id"))?.Trim();
            if (string.IsNullOrEmpty(id) || !IsIdentifier(id))
            {
                issues.Add(Invalid("reason.field-id", taskId, id, element));
                continue;
            }

            if (!seen.Add(id))
            {
                issues.Add(Invalid("reason.field-duplicate", taskId, id, element));
                continue;
            }

            var typeText = (string?)element.Attribute("type") ?? "text";
            if (!Enum.TryParse<FormFieldType>(typeText, ignoreCase: true, out var type) || !Enum.IsDefined(type) || char.IsDigit(typeText[0]))
            {
                issues.Add(Invalid("reason.field-type", taskId, id, element, typeText));
                continue;
            }

            var options = element.Elements(BpmnNames.Rf + "option")
                .Select(o => new FormFieldOption((string?)o.Attribute("value") ?? "", (string?)o.Attribute("label")))
                .ToList();
            if (type == FormFieldType.Select && (options.Count == 0 || options.Any(o => o.Value.Length == 0)))
            {
                issues.Add(Invalid("reason.field-options", taskId, id, element));
                continue;
            }

            // A misspelt health flag must not quietly make health data public, so anything but true/false is an error.
            var healthText = ((string?)element.Attribute("health"))?.Trim();
            var health = string.Equals(healthText, "true", StringComparison.OrdinalIgnoreCase);
            if (healthText is not null && !health && !string.Equals(healthText, "false", StringComparison.OrdinalIgnoreCase))
            {
                issues.Add(Invalid("reason.field-health", taskId, id, element, value: healthText));
                continue;
            }

            var required = string.Equals((string?)element.Attribute("required"), "true", StringComparison.OrdinalIgnoreCase);
            fields.Add(new FormField(id, type, (string?)element.Attribute("label"), required, options, health));
        }

        return fields;
    }

    private static ValidationIssue Invalid(string reason, string taskId, string? fieldId, XElement element, string? type = null, string? value = null) =>
        Issue.Error("invalid-field", taskId, element, ("reason", reason), ("task", taskId), ("field", fieldId), ("type", type), ("value", value));

    private static bool IsIdentifier(string id) =>
        char.IsLetter(id[0]) && id.All(c => char.IsLetterOrDigit(c) || c == '_');
}
