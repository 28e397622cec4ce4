using System.Text.Json;
using System.Xml.Linq;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>
/// Outcome forms other modelers write inline, read when a task has no <c>rf:field</c>: Camunda 7
/// <c>camunda:formData/camunda:formField</c> and Camunda 8 <c>zeebe:formDefinition formKey="camunda-forms:bpmn:…"</c>
/// pointing at a <c>zeebe:userTaskForm</c> (form-js JSON) of the process. A field that cannot be read is reported and left out.
/// </summary>
internal static class CamundaForms
{
    private const string InlinePrefix = "camunda-forms:bpmn:";

    public static IReadOnlyList<FormField> Read(XElement task, string taskId, List<ValidationIssue> issues)
    {
        var extensions = task.Element(BpmnNames.Bpmn + "extensionElements");
        if (extensions?.Element(BpmnNames.Camunda + "formData") is { } formData)
        {
            return Camunda7(formData, taskId, issues);
        }

        var key = (string?)extensions?.Element(BpmnNames.Zeebe + "formDefinition")?.Attribute("formKey");
        if (key is null || !key.StartsWith(InlinePrefix, StringComparison.Ordinal))
        {
            return [];
        }

        var formId = key[InlinePrefix.Length..];
        var form = task.Ancestors(BpmnNames.Bpmn + "process").FirstOrDefault()?.Element(BpmnNames.Bpmn + "extensionElements")
            ?.Elements(BpmnNames.Zeebe + "userTaskForm").FirstOrDefault(f => (string?)f.Attribute("id") == formId);
        return form is null ? [] : Camunda8(form, taskId, issues);
    }

    private static List<FormField> Camunda7(XElement formData, string taskId, List<ValidationIssue> issues)
    {
        var fields = new List<FormField>();
        foreach (var element in formData.Elements(BpmnNames.Camunda + "formField"))
        {
            var id = ((string?)element.Attribute("id"))?.Trim() ?? "";
            var typeText = (string?)element.Attribute("type") ?? "string";
            FormFieldType? type = typeText switch
            {
                "string" => FormFieldType.Text,
                "long" => FormFieldType.Number,
                "boolean" => FormFieldType.Boolean,
                "date" => FormFieldType.Date,
                "enum" => FormFieldType.Select,
                _ => null,
            };
            var options = element.Elements(BpmnNames.Camunda + "value")
                .Select(v => new FormFieldOption((string?)v.Attribute("id") ?? "", (string?)v.Attribute("name"))).ToList();
            var required = element.Element(BpmnNames.Camunda + "validation")?.Elements(BpmnNames.Camunda + "constraint")
                .Any(c => (string?)c.Attribute("name") == "required") == true;
            Add(fields, issues, taskId, element, id, type, typeText, (string?)element.Attribute("label"), required, options);
        }

        return fields;
    }

    private static List<FormField> Camunda8(XElement form, string taskId, List<ValidationIssue> issues)
    {
        var fields = new List<FormField>();
        try
        {
            using var json = JsonDocument.Parse(form.Value, new JsonDocumentOptions { MaxDepth = 16 });
            Components(json.RootElement, fields, issues, taskId, form);
        }
        catch (JsonException)
        {
            issues.Add(Issue.Warning("form-field-ignored", taskId, form, ("task", taskId), ("field", ""), ("type", "json")));
        }

        return fields;
    }

    private static void Components(JsonElement parent, List<FormField> fields, List<ValidationIssue> issues, string taskId, XElement at)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty("components", out var components) || components.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var component in components.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object))
        {
            var typeText = Text(component, "type") ?? "";
            if (typeText is "group" or "dynamiclist")
            {
                Components(component, fields, issues, taskId, at);
                continue;
            }

            // Display-only components carry no value.
            if (typeText is "text" or "html" or "image" or "button" or "spacer" or "separator" or "iframe" or "table" or "documentPreview")
            {
                continue;
            }

            FormFieldType? type = typeText switch
            {
                "textfield" => FormFieldType.Text,
                "textarea" => FormFieldType.Textarea,
                "number" => FormFieldType.Number,
                "checkbox" => FormFieldType.Boolean,
                "datetime" when Text(component, "subtype") is null or "date" => FormFieldType.Date,
                "select" or "radio" => FormFieldType.Select,
                _ => null,
            };
            var options = component.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array
                ? values.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object).Select(v => new FormFieldOption(Text(v, "value") ?? "", Text(v, "label"))).ToList()
                : [];
            var required = component.TryGetProperty("validate", out var validate) && validate.ValueKind == JsonValueKind.Object
                && validate.TryGetProperty("required", out var flag) && flag.ValueKind == JsonValueKind.True;
            Add(fields, issues, taskId, at, Text(component, "key")?.Trim() ?? "", type, typeText, Text(component, "label"), required, options);
        }
    }

    private static void Add(
        List<FormField> fields, List<ValidationIssue> issues, string taskId, XElement at, string id, FormFieldType? type, string typeText,
        string? label, bool required, List<FormFieldOption> options)
    {
        var usable = type is not null && id.Length > 0 && char.IsLetter(id[0]) && id.All(c => char.IsLetterOrDigit(c) || c == '_')
            && !fields.Exists(f => f.Id == id) && (type != FormFieldType.Select || (options.Count > 0 && options.TrueForAll(o => o.Value.Length > 0)));
        if (!usable)
        {
            issues.Add(Issue.Warning("form-field-ignored", taskId, at, ("task", taskId), ("field", id), ("type", typeText)));
            return;
        }

        fields.Add(new FormField(id, type!.Value, label, required, options));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
