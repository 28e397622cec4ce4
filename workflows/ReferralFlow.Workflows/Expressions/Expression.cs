using System.Collections.Frozen;

namespace ReferralFlow.Workflows.Expressions;

/// <summary>
/// A parsed condition expression, such as <c>risk == "고위험" and needs.cleaning</c>. Create one with
/// <see cref="ExpressionParser.Parse(string)"/>. Instances are immutable and safe to evaluate from many threads.
/// </summary>
public sealed class Expression
{
    internal Expression(string source, ExpressionNode root, FrozenSet<string> variableNames)
    {
        Source = source;
        Root = root;
        VariableNames = variableNames;
    }

    /// <summary>The source text the expression was parsed from, exactly as given (including any <c>${ }</c> or <c>=</c> wrapper).</summary>
    public string Source { get; }

    /// <summary>
    /// The top-level variable names the expression reads: the first segment of each dotted path
    /// (<c>needs.cleaning</c> reads <c>needs</c>). Used by validators.
    /// </summary>
    public IReadOnlySet<string> VariableNames { get; }

    internal ExpressionNode Root { get; }

    /// <summary>
    /// Evaluates the expression to a value: null, <see cref="bool"/>, <see cref="decimal"/>, <see cref="string"/>,
    /// <see cref="IReadOnlyList{T}"/> of object, or <see cref="IReadOnlyDictionary{TKey, TValue}"/> of string to object.
    /// Numbers are normalised to decimal and JSON values are converted; lists and objects supplied by the caller are
    /// returned as supplied.
    /// </summary>
    /// <param name="variables">The referral's variables; values may be boxed numbers, strings, booleans, null, lists,
    /// string-keyed dictionaries or <see cref="System.Text.Json.JsonElement"/>.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ExpressionEvaluationException">An operator was applied to values of the wrong type.</exception>
    public object? Evaluate(IReadOnlyDictionary<string, object?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return Values.ToPublic(Root.Evaluate(variables), 0);
    }

    /// <summary>Evaluates the expression as a condition: the result must be a boolean, and null counts as false.</summary>
    /// <param name="variables">The referral's variables (see <see cref="Evaluate"/>).</param>
    /// <returns>True when the condition holds.</returns>
    /// <exception cref="ExpressionEvaluationException">The expression produced a non-boolean value, or an operator was
    /// applied to values of the wrong type.</exception>
    public bool EvaluateCondition(IReadOnlyDictionary<string, object?> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var value = Root.Evaluate(variables);
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
                $"The condition must evaluate to a boolean but produced {Values.KindName(view.Kind)}.", 0),
        };
    }

    /// <summary>Returns <see cref="Source"/>.</summary>
    public override string ToString() => Source;
}
