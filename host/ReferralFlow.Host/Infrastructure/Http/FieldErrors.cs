namespace ReferralFlow.Host.Infrastructure.Http;

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
        else if (PersonalDataGuard.LooksLikeResidentNumber(value))
        {
            Add(field, PersonalDataGuard.Message);
        }
    }

    /// <summary>Checks a list of short texts (names, categories): count, and each item's length and content.</summary>
    public void Texts(string field, IReadOnlyList<string>? values, int maxLength, int maxCount)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count > maxCount)
        {
            Add(field, $"At most {maxCount} entries.");
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]))
            {
                Add($"{field}[{i}]", "An entry is empty.");
            }
            else
            {
                Text($"{field}[{i}]", values[i], maxLength);
            }
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
