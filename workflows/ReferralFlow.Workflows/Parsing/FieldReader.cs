using System.Xml.Linq;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>Reads the outcome form of a user task: <c>rf:field</c> elements (with <c>rf:option</c> for selects).</summary>
internal static class FieldReader
{
    public static IReadOnlyList<FormField> Read(XElement task, string taskId, List<ValidationIssue> issues)
    {
        var elements = task.Element(BpmnNames.Bpmn + "extensionElements")?.Elements(BpmnNames.Rf + "field");
        if (elements is null)
        {
            return [];
        }

        var fields = new List<FormField>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            var id = ((string?)element.Attribute("id"))?.Trim();
            if (string.IsNullOrEmpty(id) || !IsIdentifier(id))
            {
                issues.Add(Issue.Error("invalid-field", taskId, $"A form field of task '{taskId}' has id '{id}', which is not an identifier (letters, digits, '_', starting with a letter).", element));
                continue;
            }

            if (!seen.Add(id))
            {
                issues.Add(Issue.Error("invalid-field", taskId, $"Task '{taskId}' has two form fields with id '{id}'.", element));
                continue;
            }

            var typeText = (string?)element.Attribute("type") ?? "text";
            if (!Enum.TryParse<FormFieldType>(typeText, ignoreCase: true, out var type) || !Enum.IsDefined(type) || char.IsDigit(typeText[0]))
            {
                issues.Add(Issue.Error("invalid-field", taskId, $"Form field '{id}' of task '{taskId}' has type '{typeText}'; expected text, textarea, number, date, boolean or select.", element));
                continue;
            }

            var options = element.Elements(BpmnNames.Rf + "option")
                .Select(o => new FormFieldOption((string?)o.Attribute("value") ?? "", (string?)o.Attribute("label")))
                .ToList();
            if (type == FormFieldType.Select && (options.Count == 0 || options.Any(o => o.Value.Length == 0)))
            {
                issues.Add(Issue.Error("invalid-field", taskId, $"Select field '{id}' of task '{taskId}' needs rf:option children, each with a value.", element));
                continue;
            }

            var required = string.Equals((string?)element.Attribute("required"), "true", StringComparison.OrdinalIgnoreCase);
            fields.Add(new FormField(id, type, (string?)element.Attribute("label"), required, options));
        }

        return fields;
    }

    private static bool IsIdentifier(string id) =>
        char.IsLetter(id[0]) && id.All(c => char.IsLetterOrDigit(c) || c == '_');
}
