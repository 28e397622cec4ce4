namespace ReferralFlow.Workflows.Expressions;

/// <summary>The ordering operators.</summary>
internal enum OrderingOperator
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary><c>a == b</c> or <c>a != b</c>. Never throws for mixed types: they are simply not equal.</summary>
internal sealed class EqualityNode(ExpressionNode left, ExpressionNode right, bool negated, int position)
    : ExpressionNode(position)
{
    public override object? Evaluate(IReadOnlyDictionary<string, object?> variables)
    {
        var l = left.EvaluateValue(variables);
        var r = right.EvaluateValue(variables);
        return Values.Box(ValueOperations.AreEqual(l, r, 0) != negated);
    }

    public override string ToString() => $"({left} {(negated ? "!=" : "==")} {right})";
}

/// <summary><c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> on two numbers or two strings; null on either side gives false.</summary>
internal sealed class OrderingNode(ExpressionNode left, ExpressionNode right, OrderingOperator op, int position)
    : ExpressionNode(position)
{
    private string OperatorText => op switch
    {
        OrderingOperator.Less => "<",
        OrderingOperator.LessOrEqual => "<=",
        OrderingOperator.Greater => ">",
        _ => ">=",
    };

    public override object? Evaluate(IReadOnlyDictionary<string, object?> variables)
    {
        var l = left.EvaluateValue(variables);
        var r = right.EvaluateValue(variables);
        if (l.Kind == ValueKind.Null || r.Kind == ValueKind.Null)
        {
            return Values.False;
        }

        var order = ValueOperations.Compare(l, r, OperatorText, Position);
        var result = op switch
        {
            OrderingOperator.Less => order < 0,
            OrderingOperator.LessOrEqual => order <= 0,
            OrderingOperator.Greater => order > 0,
            _ => order >= 0,
        };
        return Values.Box(result);
    }

    public override string ToString() => $"({left} {OperatorText} {right})";
}

/// <summary>
/// <c>a in b</c> or <c>a not in b</c>: list membership or substring. A list literal on the right is walked
/// directly, item by item with short-circuit, without building the list.
/// </summary>
internal sealed class InNode(ExpressionNode item, ExpressionNode container, bool negated, int position)
    : ExpressionNode(position)
{
    public override object? Evaluate(IReadOnlyDictionary<string, object?> variables)
    {
        var needle = item.EvaluateValue(variables);
        bool found;
        if (container is ListNode list)
        {
            found = false;
            var items = list.Items;
            for (var i = 0; i < items.Count && !found; i++)
            {
                found = ValueOperations.AreEqual(needle, items[i].EvaluateValue(variables), 1);
            }
        }
        else
        {
            found = ValueOperations.Contains(
                container.EvaluateValue(variables), needle, negated ? "not in" : "in", Position);
        }

        return Values.Box(found != negated);
    }

    public override string ToString() => $"({item} {(negated ? "not in" : "in")} {container})";
}
