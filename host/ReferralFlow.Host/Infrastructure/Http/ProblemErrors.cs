using System.Text.Json;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>Collects coded field errors keyed by JSON path; <see cref="ThrowIfAny"/> answers 400 naming every field.</summary>
public sealed class ProblemErrors
{
    private readonly Dictionary<string, List<ProblemMessage>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, ProblemMessage message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        if (!messages.Contains(message))
        {
            messages.Add(message);
        }
    }

    public void Add(string field, ProblemCode code, params object?[] args) => Add(field, code.With(args));

    /// <summary>Checks a free-text field: present when <paramref name="whenMissing"/> is given, length, no resident registration number.</summary>
    public void Text(string field, string? value, int maxLength, ProblemMessage? whenMissing = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (whenMissing is not null)
            {
                Add(field, whenMissing);
            }

            return;
        }

        if (value.Length > maxLength)
        {
            Add(field, ProblemCode.TooLong, maxLength);
        }

        if (PersonalDataGuard.LooksLikeResidentNumber(value))
        {
            Add(field, ProblemCode.ResidentNumber);
        }
    }

    /// <summary>
    /// Refuses a resident registration number in a text read outside the API's <see cref="ResidentNumberFilter"/> (a body
    /// an endpoint reads itself).
    /// </summary>
    public static void ThrowIfResidentNumber(params (string Field, string? Value)[] texts)
    {
        var errors = new ProblemErrors();
        foreach (var (field, value) in texts)
        {
            if (PersonalDataGuard.LooksLikeResidentNumber(value))
            {
                errors.Add(field, ProblemCode.ResidentNumber);
            }
        }

        errors.ThrowIfAny();
    }

    /// <summary>
    /// Adds an error for each string, number or property name inside a free JSON value (variables, outcomes) that looks
    /// like a resident registration number, and for strings and names over the length limits.
    /// </summary>
    public void ResidentNumbers(JsonElement value, string path)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String when value.GetString()?.Length > PersonalDataGuard.MaxJsonString:
                Add(path, ProblemCode.TooLong, PersonalDataGuard.MaxJsonString);
                break;
            case JsonValueKind.String when PersonalDataGuard.LooksLikeResidentNumber(value.GetString()):
            case JsonValueKind.Number when PersonalDataGuard.LooksLikeResidentNumber(value):
                Add(path, ProblemCode.ResidentNumber);
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    // A bad name is reported under its parent, never echoed back as a key.
                    if (property.Name.Length > PersonalDataGuard.MaxJsonPropertyName)
                    {
                        Add(path, ProblemCode.TooLong, PersonalDataGuard.MaxJsonPropertyName);
                    }
                    else if (PersonalDataGuard.LooksLikeResidentNumber(property.Name))
                    {
                        Add(path, ProblemCode.ResidentNumber);
                    }
                    else
                    {
                        ResidentNumbers(property.Value, $"{path}.{property.Name}");
                    }
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    ResidentNumbers(item, $"{path}[{i++}]");
                }

                break;
            default:
                break;
        }
    }

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw ApiException.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
