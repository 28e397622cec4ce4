using System.Collections;
using System.Text.Json;

namespace ReferralFlow.Workflows.Expressions;

/// <summary>Equality, ordering and membership over classified values. No LINQ; scalars are never boxed.</summary>
internal static class ValueOperations
{
    /// <summary>
    /// Equality: numbers numerically, strings ordinally, booleans, null equals null; lists element-wise and objects
    /// member-wise. Values of different types are simply not equal.
    /// </summary>
    public static bool AreEqual(in ValueView left, in ValueView right, int depth)
    {
        if (left.Kind != right.Kind)
        {
            return false;
        }

        return left.Kind switch
        {
            ValueKind.Null => true,
            ValueKind.Bool => left.Bool == right.Bool,
            ValueKind.Number => left.Number == right.Number,
            ValueKind.String => string.Equals(left.Text, right.Text, StringComparison.Ordinal),
            ValueKind.List => ListsEqual(left.Composite!, right.Composite!, depth),
            _ => ObjectsEqual(left.Composite!, right.Composite!, depth),
        };
    }

    /// <summary>
    /// Ordering (<c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c>) of two non-null values: numbers, or strings
    /// ordinally; throws for any other combination. Callers handle null (the comparison is then false).
    /// </summary>
    public static int Compare(in ValueView left, in ValueView right, string operatorText, int position)
    {
        if (left.Kind == ValueKind.Number && right.Kind == ValueKind.Number)
        {
            return left.Number.CompareTo(right.Number);
        }

        if (left.Kind == ValueKind.String && right.Kind == ValueKind.String)
        {
            return string.CompareOrdinal(left.Text, right.Text);
        }

        throw new ExpressionEvaluationException(
            $"Operator '{operatorText}' at position {position} cannot compare {Values.KindName(left.Kind)} with {Values.KindName(right.Kind)}; ordering works on two numbers or two strings.",
            position);
    }

    /// <summary>
    /// Membership: an element of a list (by <see cref="AreEqual"/>), or a substring of a string. A null container
    /// contains nothing; a null item is never a substring.
    /// </summary>
    public static bool Contains(in ValueView container, in ValueView item, string operatorText, int position)
    {
        switch (container.Kind)
        {
            case ValueKind.Null:
                return false;
            case ValueKind.String:
                if (item.Kind == ValueKind.Null)
                {
                    return false;
                }

                if (item.Kind != ValueKind.String)
                {
                    throw new ExpressionEvaluationException(
                        $"Operator '{operatorText}' at position {position} needs a string on the left when the right is a string, but got {Values.KindName(item.Kind)}.",
                        position);
                }

                return container.Text!.Contains(item.Text!, StringComparison.Ordinal);
            case ValueKind.List:
                return ListContains(container.Composite!, item);
            default:
                throw new ExpressionEvaluationException(
                    $"Operator '{operatorText}' at position {position} needs a list or a string on the right, but got {Values.KindName(container.Kind)}.",
                    position);
        }
    }

    private static bool ListContains(object list, in ValueView item)
    {
        switch (list)
        {
            case IReadOnlyList<object?> items:
                for (var i = 0; i < items.Count; i++)
                {
                    if (AreEqual(item, Values.Classify(items[i]), 1))
                    {
                        return true;
                    }
                }

                return false;
            case JsonElement element:
                foreach (var child in element.EnumerateArray())
                {
                    if (AreEqual(item, Values.Classify(child), 1))
                    {
                        return true;
                    }
                }

                return false;
            default:
                var legacy = (IList)list;
                for (var i = 0; i < legacy.Count; i++)
                {
                    if (AreEqual(item, Values.Classify(legacy[i]), 1))
                    {
                        return true;
                    }
                }

                return false;
        }
    }

    private static bool ListsEqual(object left, object right, int depth)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        Values.CheckDepth(depth);
        var count = ListCount(left);
        if (count != ListCount(right))
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            if (!AreEqual(ListItem(left, i), ListItem(right, i), depth + 1))
            {
                return false;
            }
        }

        return true;
    }

    private static int ListCount(object list) => list switch
    {
        IReadOnlyList<object?> items => items.Count,
        JsonElement element => element.GetArrayLength(),
        _ => ((IList)list).Count,
    };

    private static ValueView ListItem(object list, int index) => list switch
    {
        IReadOnlyList<object?> items => Values.Classify(items[index]),
        JsonElement element => Values.Classify(element[index]),
        _ => Values.Classify(((IList)list)[index]),
    };

    private static bool ObjectsEqual(object left, object right, int depth)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        Values.CheckDepth(depth);
        if (left is JsonElement leftJson)
        {
            if (leftJson.GetPropertyCount() != ObjectCount(right))
            {
                return false;
            }

            foreach (var property in leftJson.EnumerateObject())
            {
                if (!MemberEqual(right, property.Name, Values.Classify(property.Value), depth))
                {
                    return false;
                }
            }

            return true;
        }

        var dictionary = (IReadOnlyDictionary<string, object?>)left;
        if (dictionary.Count != ObjectCount(right))
        {
            return false;
        }

        foreach (var pair in dictionary)
        {
            if (!MemberEqual(right, pair.Key, Values.Classify(pair.Value), depth))
            {
                return false;
            }
        }

        return true;
    }

    private static int ObjectCount(object obj) => obj is JsonElement element
        ? element.GetPropertyCount()
        : ((IReadOnlyDictionary<string, object?>)obj).Count;

    private static bool MemberEqual(object obj, string name, in ValueView value, int depth)
    {
        if (obj is JsonElement element)
        {
            return element.TryGetProperty(name, out var property) && AreEqual(value, Values.Classify(property), depth + 1);
        }

        return ((IReadOnlyDictionary<string, object?>)obj).TryGetValue(name, out var member)
            && AreEqual(value, Values.Classify(member), depth + 1);
    }
}
