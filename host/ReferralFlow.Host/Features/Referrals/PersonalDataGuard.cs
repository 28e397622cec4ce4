using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>
/// Refuses text that looks like a resident registration number (주민등록번호: six digits, a dash or space, seven digits).
/// Korean law allows storing it only where a statute permits, and consent is not enough, so it is never stored.
/// </summary>
internal static partial class PersonalDataGuard
{
    public const string Message = "Do not enter a resident registration number (주민등록번호); it must never be stored.";

    public static bool LooksLikeResidentNumber(string? text) => text is not null && ResidentNumber().IsMatch(text);

    /// <summary>Adds an error for each string inside a JSON value (variables, outcomes) that looks like one.</summary>
    public static void CheckJson(JsonElement value, string path, FieldErrors errors)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String when LooksLikeResidentNumber(value.GetString()):
                errors.Add(path, Message);
                break;
            case JsonValueKind.Object:
                foreach (var property in value.EnumerateObject())
                {
                    CheckJson(property.Value, $"{path}.{property.Name}", errors);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in value.EnumerateArray())
                {
                    CheckJson(item, $"{path}[{i++}]", errors);
                }

                break;
            default:
                break;
        }
    }

    [GeneratedRegex(@"(?<!\d)\d{6}[\s\-‐–—]*\d{7}(?!\d)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex ResidentNumber();
}

/// <summary>Collects field errors keyed by JSON path; <see cref="ThrowIfAny"/> answers 400 naming every field.</summary>
internal sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
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

    /// <summary>Checks a free-text field: length and no resident registration number.</summary>
    public void Text(string field, string? value, int maxLength, bool required = false, string? requiredMessage = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, requiredMessage ?? "This field is required.");
            }

            return;
        }

        if (value.Length > maxLength)
        {
            Add(field, $"At most {maxLength} characters.");
        }

        if (PersonalDataGuard.LooksLikeResidentNumber(value))
        {
            Add(field, PersonalDataGuard.Message);
        }
    }

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw Infrastructure.Http.ApiException.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
