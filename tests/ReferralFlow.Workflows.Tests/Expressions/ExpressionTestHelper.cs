using ReferralFlow.Workflows.Expressions;

namespace ReferralFlow.Workflows.Tests.Expressions;

internal static class ExpressionTestHelper
{
    public static readonly IReadOnlyDictionary<string, object?> NoVariables = new Dictionary<string, object?>();

    public static Expression Compile(string source)
    {
        var result = ExpressionParser.Parse(source);
        Assert.True(result.Success, $"'{source}' should parse but failed: {result.Error}");
        return result.Expression;
    }

    public static object? Eval(string source, IReadOnlyDictionary<string, object?>? variables = null) =>
        Compile(source).Evaluate(variables ?? NoVariables);

    public static bool Condition(string source, IReadOnlyDictionary<string, object?>? variables = null) =>
        Compile(source).EvaluateCondition(variables ?? NoVariables);

    public static Dictionary<string, object?> Vars(params (string Name, object? Value)[] pairs)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in pairs)
        {
            result[name] = value;
        }

        return result;
    }

    /// <summary>The fully parenthesised form of the parsed tree, to check precedence.</summary>
    public static string Shape(string source) => Compile(source).Root.ToString()!;
}
