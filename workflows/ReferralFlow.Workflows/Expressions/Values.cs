using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace ReferralFlow.Workflows.Expressions;

/// <summary>Classification and conversion of runtime values. No LINQ, no allocation for scalars.</summary>
internal static class Values
{
    /// <summary>The deepest list/object nesting that equality and conversion will walk (guards against cycles).</summary>
    public const int MaxValueDepth = 64;

    public static readonly object True = true;

    public static readonly object False = false;

    public static object Box(bool value) => value ? True : False;

    /// <summary>Classifies any supported variable value; unsupported CLR types throw.</summary>
    public static ValueView Classify(object? value) => value switch
    {
        null => ValueView.Null,
        bool b => ValueView.FromBool(b),
        string s => ValueView.FromString(s),
        decimal d => ValueView.FromNumber(d),
        int i => ValueView.FromNumber(i),
        long l => ValueView.FromNumber(l),
        double d => ValueView.FromNumber(FromDouble(d)),
        JsonElement e => e.ValueKind switch
        {
            // Reuse the caller's box instead of boxing the element again.
            JsonValueKind.Array => ValueView.FromList(value),
            JsonValueKind.Object => ValueView.FromObject(value),
            _ => Classify(e),
        },
        IReadOnlyList<object?> list => ValueView.FromList(list),
        IReadOnlyDictionary<string, object?> obj => ValueView.FromObject(obj),
        float f => ValueView.FromNumber(FromDouble(f)),
        short s => ValueView.FromNumber(s),
        byte b => ValueView.FromNumber(b),
        sbyte b => ValueView.FromNumber(b),
        ushort s => ValueView.FromNumber(s),
        uint u => ValueView.FromNumber(u),
        ulong u => ValueView.FromNumber(u),
        char c => ValueView.FromString(c.ToString()),
        IList list => ValueView.FromList(list),

        // The same string forms the engine stores these as (see VariableJson.Normalize), so ISO dates compare correctly.
        DateOnly d => ValueView.FromString(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTime d => ValueView.FromString(d.ToString("O", CultureInfo.InvariantCulture)),
        DateTimeOffset d => ValueView.FromString(d.ToString("O", CultureInfo.InvariantCulture)),
        Guid g => ValueView.FromString(g.ToString("D")),
        Enum e => ValueView.FromString(e.ToString()),
        _ => throw new ExpressionEvaluationException(
            $"Unsupported variable value of type '{value.GetType().FullName}'; expressions work on null, booleans, numbers, strings, lists and string-keyed objects."),
    };

    /// <summary>Classifies a JSON element without boxing it unless it is an array or object.</summary>
    public static ValueView Classify(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.True => ValueView.FromBool(true),
        JsonValueKind.False => ValueView.FromBool(false),
        JsonValueKind.String => ValueView.FromString(element.GetString()!),
        JsonValueKind.Number => ValueView.FromNumber(element.TryGetDecimal(out var d)
            ? d
            : throw new ExpressionEvaluationException($"The JSON number {element.GetRawText()} is out of range.")),
        JsonValueKind.Array => ValueView.FromList(element),
        JsonValueKind.Object => ValueView.FromObject(element),
        _ => ValueView.Null,
    };

    /// <summary>The type as named in error messages, with its article: "a number", "an object".</summary>
    public static string KindName(ValueKind kind) => kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Bool => "a boolean",
        ValueKind.Number => "a number",
        ValueKind.String => "a string",
        ValueKind.List => "a list",
        _ => "an object",
    };

    /// <summary>Converts an internal value to the public result types (see <see cref="Expression.Evaluate"/>).</summary>
    public static object? ToPublic(object? value, int depth)
    {
        switch (value)
        {
            case null:
            case string:
            case decimal:
            case IReadOnlyList<object?>:
            case IReadOnlyDictionary<string, object?>:
                return value;
            case bool b:
                return Box(b);
            case JsonElement element:
                return FromJson(element, depth);
        }

        var view = Classify(value);
        return view.Kind switch
        {
            ValueKind.Number => view.Number,
            ValueKind.String => view.Text,
            ValueKind.List => ListToPublic((IList)view.Composite!, depth),
            _ => null,
        };
    }

    private static List<object?> ListToPublic(IList list, int depth)
    {
        CheckDepth(depth);
        var result = new List<object?>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            result.Add(ToPublic(list[i], depth + 1));
        }

        return result;
    }

    private static object? FromJson(JsonElement element, int depth)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                CheckDepth(depth);
                var list = new List<object?>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(FromJson(item, depth + 1));
                }

                return list;
            case JsonValueKind.Object:
                CheckDepth(depth);
                var obj = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = FromJson(property.Value, depth + 1);
                }

                return obj;
            default:
                var view = Classify(element);
                return view.Kind switch
                {
                    ValueKind.Bool => Box(view.Bool),
                    ValueKind.Number => view.Number,
                    ValueKind.String => view.Text,
                    _ => null,
                };
        }
    }

    public static void CheckDepth(int depth)
    {
        if (depth >= MaxValueDepth)
        {
            throw new ExpressionEvaluationException(
                $"A variable value is nested more than {MaxValueDepth} levels deep (or refers to itself).");
        }
    }

    private static decimal FromDouble(double value)
    {
        if (!double.IsFinite(value) || Math.Abs(value) >= 7.9e28)
        {
            throw new ExpressionEvaluationException($"The number {value.ToString(CultureInfo.InvariantCulture)} cannot be used in an expression (out of range).");
        }

        return (decimal)value;
    }
}
