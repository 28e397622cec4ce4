using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ReferralFlow.Workflows.Execution;

/// <summary>
/// Converts process variables to and from JSON. Values are normalised to the engine's value set:
/// <see langword="null"/>, <see cref="bool"/>, <see cref="decimal"/>, <see cref="string"/>,
/// lists (<see cref="List{T}"/> of <see cref="object"/>) and string-keyed objects
/// (<see cref="Dictionary{TKey, TValue}"/> with an ordinal comparer).
/// </summary>
public static class VariableJson
{
    /// <summary>The deepest list/object nesting accepted (guards against cycles and hostile documents).</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth + 1 };

    /// <summary>Reads a JSON object into normalised variables.</summary>
    /// <param name="obj">A JSON object element.</param>
    /// <exception cref="JsonException">The element is not an object, or a number is out of the decimal range.</exception>
    public static IReadOnlyDictionary<string, object?> FromJson(JsonElement obj)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Variables must be a JSON object, not {obj.ValueKind}.");
        }

        return ReadObject(obj, 0);
    }

    /// <summary>Parses JSON text holding an object into normalised variables.</summary>
    /// <param name="json">JSON object text.</param>
    /// <exception cref="JsonException">The text is not a JSON object, or a number is out of the decimal range.</exception>
    public static IReadOnlyDictionary<string, object?> FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json, DocumentOptions);
        return FromJson(document.RootElement);
    }

    /// <summary>Reads any JSON value into its normalised CLR form.</summary>
    /// <param name="element">The JSON value.</param>
    public static object? ReadValue(JsonElement element) => ReadValue(element, 0);

    /// <summary>Writes variables as compact JSON object text.</summary>
    /// <param name="variables">The variables; values are normalised first (see <see cref="Normalize(object?)"/>).</param>
    /// <exception cref="ArgumentException">A value has a type that is not a variable value.</exception>
    public static string ToJson(IReadOnlyDictionary<string, object?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            WriteObject(writer, variables);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    /// <summary>Writes variables as a JSON object to an open writer.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="variables">The variables; values are normalised as they are written.</param>
    public static void WriteObject(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, object?>> variables)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(variables);
        WriteValue(writer, Normalize(variables));
    }

    /// <summary>
    /// Normalises a CLR value to the engine's value set: integral and floating-point numbers become
    /// <see cref="decimal"/>, <see cref="char"/>, <see cref="Guid"/> and enums become strings, dates become ISO 8601 strings,
    /// <see cref="JsonElement"/>s are read, sequences become lists and string-keyed dictionaries become ordinal dictionaries.
    /// </summary>
    /// <param name="value">Any value a caller may pass as a variable.</param>
    /// <exception cref="ArgumentException">The value (or a nested one) has an unsupported type, is a non-finite number, or is nested too deeply.</exception>
    public static object? Normalize(object? value) => Normalize(value, 0);

    private static object? Normalize(object? value, int depth)
    {
        switch (value)
        {
            case null or string or decimal or bool:
                return value;
            case int i: return (decimal)i;
            case long l: return (decimal)l;
            case short s: return (decimal)s;
            case byte b: return (decimal)b;
            case sbyte b: return (decimal)b;
            case ushort s: return (decimal)s;
            case uint u: return (decimal)u;
            case ulong u: return (decimal)u;
            case double d: return FromDouble(d);
            case float f: return FromDouble(f);
            case char c: return c.ToString();
            case Guid g: return g.ToString("D");
            case Enum e: return e.ToString();
            case DateOnly d: return d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case DateTime d: return d.ToString("O", CultureInfo.InvariantCulture);
            case DateTimeOffset d: return d.ToString("O", CultureInfo.InvariantCulture);
            case JsonElement element: return ReadValue(element, depth);
        }

        CheckDepth(depth, () => new ArgumentException($"A variable value is nested more than {MaxDepth} levels deep (or refers to itself).", nameof(value)));
        switch (value)
        {
            case IEnumerable<KeyValuePair<string, object?>> pairs:
                var obj = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, item) in pairs)
                {
                    obj[key] = Normalize(item, depth + 1);
                }

                return obj;
            case IDictionary dictionary:
                var converted = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Key is not string key)
                    {
                        throw new ArgumentException($"Object variables need string keys, not '{entry.Key.GetType().Name}'.", nameof(value));
                    }

                    converted[key] = Normalize(entry.Value, depth + 1);
                }

                return converted;
            case IEnumerable sequence:
                var list = new List<object?>();
                foreach (var item in sequence)
                {
                    list.Add(Normalize(item, depth + 1));
                }

                return list;
            default:
                throw new ArgumentException(
                    $"Unsupported variable value of type '{value.GetType().FullName}'; variables hold null, booleans, numbers, strings, lists and string-keyed objects.",
                    nameof(value));
        }
    }

    private static decimal FromDouble(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 7.9e28
            ? (decimal)value
            : throw new ArgumentException($"The number {value.ToString(CultureInfo.InvariantCulture)} cannot be stored as a variable (out of range).", nameof(value));

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case string s: writer.WriteStringValue(s); break;
            case decimal d: writer.WriteNumberValue(d); break;
            case Dictionary<string, object?> obj:
                writer.WriteStartObject();
                foreach (var (key, item) in obj)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case List<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                // Normalize only produces the cases above.
                throw new InvalidOperationException($"Unexpected normalised value of type '{value.GetType().FullName}'.");
        }
    }

    private static object? ReadValue(JsonElement element, int depth) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetDecimal(out var number)
            ? number
            : throw new JsonException($"The JSON number {element.GetRawText()} is out of the decimal range."),
        JsonValueKind.Array => ReadArray(element, depth),
        _ => ReadObject(element, depth),
    };

    private static List<object?> ReadArray(JsonElement element, int depth)
    {
        CheckDepth(depth, () => new JsonException($"A variable value is nested more than {MaxDepth} levels deep."));
        var list = new List<object?>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            list.Add(ReadValue(item, depth + 1));
        }

        return list;
    }

    private static Dictionary<string, object?> ReadObject(JsonElement element, int depth)
    {
        CheckDepth(depth, () => new JsonException($"A variable value is nested more than {MaxDepth} levels deep."));
        var obj = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            obj[property.Name] = ReadValue(property.Value, depth + 1);
        }

        return obj;
    }

    private static void CheckDepth(int depth, Func<Exception> error)
    {
        if (depth >= MaxDepth)
        {
            throw error();
        }
    }
}
