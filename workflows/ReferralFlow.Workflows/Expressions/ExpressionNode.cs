using System.Collections.ObjectModel;
using System.Globalization;
using System.Text.Json;

namespace ReferralFlow.Workflows.Expressions;

/// <summary>
/// A node of the parsed syntax tree. <see cref="Evaluate"/> returns an internal value: any supported variable value
/// (boxed numbers are not normalised, JSON elements are not converted) or a result of an operator;
/// <see cref="Values.Classify(object?)"/> and <see cref="Values.ToPublic"/> interpret it.
/// <see cref="object.ToString"/> gives a fully parenthesised form, used by tests to check precedence.
/// </summary>
internal abstract class ExpressionNode
{
    protected ExpressionNode(int position) => Position = position;

    /// <summary>The 0-based position in the source of the token that produced the node.</summary>
    public int Position { get; }

    public abstract object? Evaluate(IReadOnlyDictionary<string, object?> variables);

    /// <summary>Evaluates and classifies; operators use this so that intermediate numbers are never boxed.</summary>
    public virtual ValueView EvaluateValue(IReadOnlyDictionary<string, object?> variables) =>
        Values.Classify(Evaluate(variables));
}

/// <summary>A literal, or a folded constant (negative number, constant list). The value is already public.</summary>
internal sealed class ConstantNode(object? value, int position) : ExpressionNode(position)
{
    private readonly ValueView _view = Values.Classify(value);

    public object? Value { get; } = value;

    public override object? Evaluate(IReadOnlyDictionary<string, object?> variables) => Value;

    public override ValueView EvaluateValue(IReadOnlyDictionary<string, object?> variables) => _view;

    public override string ToString() => Format(Value);

    private static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        IReadOnlyList<object?> list => FormatList(list),
        _ => value.ToString() ?? "",
    };

    private static string FormatList(IReadOnlyList<object?> list)
    {
        var parts = new string[list.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = Format(list[i]);
        }

        return "[" + string.Join(", ", parts) + "]";
    }
}

/// <summary>A variable, optionally followed by members: <c>household.members</c>. Missing parts give null.</summary>
internal sealed class PathNode(string name, string[] members, int position) : ExpressionNode(position)
{
    public string Name { get; } = name;

    public override object? Evaluate(IReadOnlyDictionary<string, object?> variables)
    {
        if (!variables.TryGetValue(Name, out var value))
        {
            return null;
        }

        for (var i = 0; i < members.Length; i++)
        {
            switch (value)
            {
                case IReadOnlyDictionary<string, object?> dictionary:
                    if (!dictionary.TryGetValue(members[i], out value))
                    {
                        return null;
                    }

                    break;
                case JsonElement element:
                    return WalkJson(element, i);
                default:
                    // Member access on null, a scalar or a list gives null.
                    return null;
            }
        }

        return value;
    }

    public override string ToString() => members.Length == 0 ? Name : Name + "." + string.Join('.', members);

    /// <summary>Walks the remaining members inside a JSON element without boxing the intermediate elements.</summary>
    private object? WalkJson(JsonElement element, int from)
    {
        for (var i = from; i < members.Length; i++)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(members[i], out element))
            {
                return null;
            }
        }

        return element.ValueKind switch
        {
            JsonValueKind.True => Values.True,
            JsonValueKind.False => Values.False,
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => element,
        };
    }
}

/// <summary>A list literal whose items are not all constant: <c>[a, "b"]</c>.</summary>
internal sealed class ListNode(ExpressionNode[] items, int position) : ExpressionNode(position)
{
    public IReadOnlyList<ExpressionNode> Items => items;

    public override object? Evaluate(IReadOnlyDictionary<string, object?> variables)
    {
        var result = new object?[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            result[i] = Values.ToPublic(items[i].Evaluate(variables), 1);
        }

        return new ReadOnlyCollection<object?>(result);
    }

    public override string ToString() => "[" + string.Join(", ", (object[])items) + "]";
}
