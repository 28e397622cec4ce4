using System.Globalization;
using System.Text.Json;
using ReferralFlow.Host.Features.Referrals;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Host.Features.Tasks;

/// <summary>
/// Checks a completion against the step's outcome form and turns it into workflow variables: required fields present,
/// values of the field's type (number → decimal, boolean, date <c>yyyy-MM-dd</c>, select → one of the options, text at
/// most <see cref="MaxTextLength"/> characters), no unknown fields. Free <c>variables</c> may not shadow form fields.
/// Every problem is answered at once, keyed <c>outcome.&lt;fieldId&gt;</c> or <c>variables.&lt;name&gt;</c>.
/// </summary>
/// <remarks>Numbers and booleans are also accepted as strings, as an HTML form posts them.</remarks>
internal static class OutcomeForm
{
    public const int MaxTextLength = 4000;

    private const int MaxVariableNameLength = 100;

    public static Dictionary<string, object?> Validate(
        IReadOnlyList<FormField> fields, IReadOnlyDictionary<string, JsonElement>? outcome, IReadOnlyDictionary<string, JsonElement>? variables)
    {
        var errors = new FieldErrors();
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var form = fields.ToDictionary(f => f.Id, StringComparer.Ordinal);
        outcome ??= new Dictionary<string, JsonElement>();
        foreach (var key in outcome.Keys.Where(k => !form.ContainsKey(k)))
        {
            errors.Add($"outcome.{key}", $"This step's form has no field '{key}'.");
        }

        foreach (var field in fields)
        {
            var path = $"outcome.{field.Id}";
            if (!outcome.TryGetValue(field.Id, out var value) || IsEmpty(value))
            {
                if (field.Required)
                {
                    errors.Add(path, $"'{Label(field)}' is required.");
                }

                continue;
            }

            var error = Convert(field, value, out var converted);
            if (error is null && converted is string text && PersonalDataGuard.LooksLikeResidentNumber(text))
            {
                error = PersonalDataGuard.Message;
            }

            if (error is null)
            {
                values[field.Id] = converted;
            }
            else
            {
                errors.Add(path, error);
            }
        }

        foreach (var (name, value) in variables ?? new Dictionary<string, JsonElement>())
        {
            AddVariable(name, value, form, values, errors);
        }

        errors.ThrowIfAny();
        return values;
    }

    private static void AddVariable(string name, JsonElement value, Dictionary<string, FormField> form, Dictionary<string, object?> values, FieldErrors errors)
    {
        var path = $"variables.{name}";
        if (form.ContainsKey(name))
        {
            errors.Add(path, $"'{name}' is a field of this step's form; send it in 'outcome'.");
            return;
        }

        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxVariableNameLength)
        {
            errors.Add(path, $"A variable name has 1 to {MaxVariableNameLength} characters.");
            return;
        }

        PersonalDataGuard.CheckJson(value, path, errors);
        try
        {
            values[name] = VariableJson.ReadValue(value);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            errors.Add(path, "The value is not a valid variable value (numbers must fit a decimal; nesting is limited).");
        }
    }

    private static string? Convert(FormField field, JsonElement value, out object? converted)
    {
        converted = null;
        var label = Label(field);
        switch (field.Type)
        {
            case FormFieldType.Text or FormFieldType.Textarea:
                if (value.ValueKind != JsonValueKind.String)
                {
                    return $"'{label}' must be text.";
                }

                var text = value.GetString()!;
                converted = text;
                return text.Length > MaxTextLength ? $"'{label}' has at most {MaxTextLength} characters." : null;
            case FormFieldType.Number:
                if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
                    || value.ValueKind == JsonValueKind.String
                    && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out number))
                {
                    converted = number;
                    return null;
                }

                return $"'{label}' must be a number.";
            case FormFieldType.Boolean:
                if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    converted = value.GetBoolean();
                    return null;
                }

                if (value.ValueKind == JsonValueKind.String && bool.TryParse(value.GetString(), out var flag))
                {
                    converted = flag;
                    return null;
                }

                return $"'{label}' must be true or false.";
            case FormFieldType.Date:
                if (value.ValueKind == JsonValueKind.String
                    && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    converted = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    return null;
                }

                return $"'{label}' must be a date written yyyy-MM-dd, e.g. 2026-03-02.";
            case FormFieldType.Select:
                var options = field.Options.Select(o => o.Value).ToList();
                if (value.ValueKind == JsonValueKind.String && options.Contains(value.GetString()!, StringComparer.Ordinal))
                {
                    converted = value.GetString();
                    return null;
                }

                return $"'{label}' must be one of: {string.Join(", ", options)}.";
            default:
                return $"'{label}' has a field type this server does not know.";
        }
    }

    private static bool IsEmpty(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString()));

    private static string Label(FormField field) => string.IsNullOrWhiteSpace(field.Label) ? field.Id : field.Label;
}
