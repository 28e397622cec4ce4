using System.Globalization;
using System.Text.Json;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Host.Features.Tasks;

/// <summary>
/// Checks a completion against the step's outcome form and turns it into workflow variables: required fields present,
/// values of the field's type (number → decimal, boolean, date <c>yyyy-MM-dd</c>, select → one of the options, text at
/// most <see cref="MaxTextLength"/> characters, a text area at most <see cref="MaxTextareaLength"/>), no unknown fields.
/// The form's fields are the only variables a completion sets. Every problem is answered at once, keyed
/// <c>outcome.&lt;fieldId&gt;</c>.
/// </summary>
/// <remarks>Numbers and booleans are also accepted as strings, as an HTML form posts them.</remarks>
internal static class OutcomeForm
{
    public const int MaxTextLength = 500;

    public const int MaxTextareaLength = 4000;

    // Unknown fields are reported by name; a flood of them is cut short (the body size limit bounds it anyway).
    private const int MaxUnknownReported = 20;

    public static Dictionary<string, object?> Validate(IReadOnlyList<FormField> fields, IReadOnlyDictionary<string, JsonElement>? outcome)
    {
        var errors = new ProblemErrors();
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var form = fields.ToDictionary(f => f.Id, StringComparer.Ordinal);
        outcome ??= new Dictionary<string, JsonElement>();
        foreach (var key in outcome.Keys.Where(k => !form.ContainsKey(k)).Take(MaxUnknownReported))
        {
            errors.Add($"outcome.{key}", ProblemCode.FormFieldUnknown, key);
        }

        foreach (var field in fields)
        {
            var path = $"outcome.{field.Id}";
            if (!outcome.TryGetValue(field.Id, out var value) || IsEmpty(value))
            {
                if (field.Required)
                {
                    errors.Add(path, ProblemCode.FieldRequired, Label(field));
                }

                continue;
            }

            var error = Convert(field, value, out var converted);
            if (error is null && converted switch
            {
                string text => PersonalDataGuard.LooksLikeResidentNumber(text),
                decimal number => PersonalDataGuard.LooksLikeResidentNumber(number),
                _ => false,
            })
            {
                error = ProblemCode.ResidentNumber;
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

        errors.ThrowIfAny();
        return values;
    }

    private static ProblemMessage? Convert(FormField field, JsonElement value, out object? converted)
    {
        converted = null;
        var label = Label(field);
        switch (field.Type)
        {
            case FormFieldType.Text or FormFieldType.Textarea:
                if (value.ValueKind != JsonValueKind.String)
                {
                    return ProblemCode.FieldMustBeText.With(label);
                }

                var text = value.GetString()!;
                converted = text;
                var max = field.Type == FormFieldType.Text ? MaxTextLength : MaxTextareaLength;
                return text.Length > max ? ProblemCode.FieldTooLong.With(label, max) : null;
            case FormFieldType.Number:
                if (value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
                    || value.ValueKind == JsonValueKind.String
                    && decimal.TryParse(value.GetString(), NumberStyles.Number, CultureInfo.InvariantCulture, out number))
                {
                    converted = number;
                    return null;
                }

                return ProblemCode.FieldMustBeNumber.With(label);
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

                return ProblemCode.FieldMustBeBoolean.With(label);
            case FormFieldType.Date:
                if (value.ValueKind == JsonValueKind.String
                    && DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    converted = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    return null;
                }

                return ProblemCode.FieldMustBeDate.With(label);
            case FormFieldType.Select:
                var options = field.Options.Select(o => o.Value).ToList();
                if (value.ValueKind == JsonValueKind.String && options.Contains(value.GetString()!, StringComparer.Ordinal))
                {
                    converted = value.GetString();
                    return null;
                }

                return ProblemCode.FieldOptionInvalid.With(label, string.Join(", ", options));
            default:
                return ProblemCode.FieldTypeUnknown.With(label);
        }
    }

    private static bool IsEmpty(JsonElement value) =>
        value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
        || (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString()));

    private static string Label(FormField field) => string.IsNullOrWhiteSpace(field.Label) ? field.Id : field.Label;
}
