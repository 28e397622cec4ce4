namespace ReferralFlow.Workflows.Expressions;

/// <summary>Boolean helpers shared by the logical operators.</summary>
internal static class Logic
{
    /// <summary>Reads a logical operand: a boolean, or null which counts as false; anything else throws.</summary>
    public static bool Truth(object? value, string operatorText, int position)
    {
        if (value is bool b)
        {
            return b;
        }

        var view = Values.Classify(value);
        return view.Kind switch
        {
            ValueKind.Null => false,
            ValueKind.Bool => view.Bool,
            _ => throw new ExpressionEvaluationException(
                $"Operator '{operatorText}' at position {position} needs boolean operands, but got {Values.KindName(view.Kind)}.",
                position),
        };
    }
}

/// <summary><c>not x</c> or <c>!x</c>.</summary>
internal sealed class NotNode(ExpressionNode operand, string operatorText, int position) : ExpressionNode(position)
{
    public override object? Evaluate(IReadOnlyDictionary<string, object?> variables) =>
        Values.Box(!Logic.Truth(operand.Evaluate(variables), operatorText, Position));

    public override string ToString() => $"(not {operand})";
}

/// <summary><c>-x</c> on a non-constant operand; null stays null.</summary>
internal sealed class NegateNode(ExpressionNode operand, int position) : ExpressionNode(position)
{
    public override object? Evaluate(IReadOnlyDictionary<string, object?> variables)
    {
        var view = EvaluateValue(variables);
        return view.Kind == ValueKind.Null ? null : view.Number;
    }

    public override ValueView EvaluateValue(IReadOnlyDictionary<string, object?> variables)
    {
        var view = operand.EvaluateValue(variables);
        return view.Kind switch
        {
            ValueKind.Null => ValueView.Null,
            ValueKind.Number => ValueView.FromNumber(-view.Number),
            _ => throw new ExpressionEvaluationException(
                $"Operator '-' at position {Position} needs a number, but got {Values.KindName(view.Kind)}.",
                Position),
        };
    }

    public override string ToString() => $"(-{operand})";
}

/// <summary>
/// A chain of <c>and</c> (or <c>&amp;&amp;</c>) operands, evaluated left to right with short-circuit.
/// Chains are flat so that long conditions do not make the tree deep.
/// </summary>
internal sealed class AndNode(ExpressionNode[] operands, string[] operatorTexts, int[] positions, int position)
    : ExpressionNode(position)
{
    public override object? Evaluate(IReadOnlyDictionary<string, object?> variables)
    {
        for (var i = 0; i < operands.Length; i++)
        {
            // Operand i is checked against the operator that precedes it (or follows it, for the first).
            var op = i == 0 ? 0 : i - 1;
            if (!Logic.Truth(operands[i].Evaluate(variables), operatorTexts[op], positions[op]))
            {
                return Values.False;
            }
        }

        return Values.True;
    }

    public override string ToString() => "(" + string.Join(" and ", (object[])operands) + ")";
}

/// <summary>A chain of <c>or</c> (or <c>||</c>) operands, evaluated left to right with short-circuit.</summary>
internal sealed class OrNode(ExpressionNode[] operands, string[] operatorTexts, int[] positions, int position)
    : ExpressionNode(position)
{
    public override object? Evaluate(IReadOnlyDictionary<string, object?> variables)
    {
        for (var i = 0; i < operands.Length; i++)
        {
            var op = i == 0 ? 0 : i - 1;
            if (Logic.Truth(operands[i].Evaluate(variables), operatorTexts[op], positions[op]))
            {
                return Values.True;
            }
        }

        return Values.False;
    }

    public override string ToString() => "(" + string.Join(" or ", (object[])operands) + ")";
}
