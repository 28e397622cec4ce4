using ReferralFlow.Workflows.Expressions;
using static ReferralFlow.Workflows.Tests.Expressions.ExpressionTestHelper;

namespace ReferralFlow.Workflows.Tests.Expressions;

public sealed class ExpressionParserTests
{
    [Theory]
    [InlineData("a or b and c", "(a or (b and c))")]
    [InlineData("a and b or c", "((a and b) or c)")]
    [InlineData("a || b && c", "(a or (b and c))")]
    [InlineData("(a or b) and c", "((a or b) and c)")]
    [InlineData("a or b or c", "(a or b or c)")]
    [InlineData("a and b and c and d", "(a and b and c and d)")]
    [InlineData("not a and b", "((not a) and b)")]
    [InlineData("not a == b", "(not (a == b))")]
    [InlineData("!a == b", "(not (a == b))")]
    [InlineData("not not a", "(not (not a))")]
    [InlineData("a == b and c != d", "((a == b) and (c != d))")]
    [InlineData("a < b or c >= d", "((a < b) or (c >= d))")]
    [InlineData("a <= -b", "(a <= (-b))")]
    [InlineData("-a > b", "((-a) > b)")]
    [InlineData("a in b and c not in d", "((a in b) and (c not in d))")]
    [InlineData("not a in b", "(not (a in b))")]
    [InlineData("x in [1, 2, y]", "(x in [1, 2, y])")]
    [InlineData("x in [1, -2, \"z\"]", "(x in [1, -2, \"z\"])")]
    [InlineData("needs.cleaning and household.members.count > 2", "(needs.cleaning and (household.members.count > 2))")]
    [InlineData("a . b . c", "a.b.c")]
    [InlineData("a.in.not.true", "a.in.not.true")]
    [InlineData("((((a))))", "a")]
    public void Precedence_and_grouping_build_the_expected_tree(string source, string expected) =>
        Assert.Equal(expected, Shape(source));

    [Theory]
    [InlineData("TRUE", true)]
    [InlineData("False", false)]
    [InlineData("true AND NOT false", true)]
    [InlineData("false Or true", true)]
    public void Keywords_are_case_insensitive(string source, bool expected) =>
        Assert.Equal(expected, Eval(source));

    [Fact]
    public void Literals_parse_to_their_values()
    {
        Assert.Equal(true, Eval("true"));
        Assert.Equal(false, Eval("false"));
        Assert.Null(Eval("null"));
        Assert.Equal(3m, Eval("3"));
        Assert.Equal(-2.5m, Eval("-2.5"));
        Assert.Equal(0.125m, Eval("0.125"));
        Assert.Equal(1234567890123456789m, Eval("1234567890123456789"));
        Assert.Equal("abc", Eval("\"abc\""));
        Assert.Equal("abc", Eval("'abc'"));
        Assert.Equal("", Eval("''"));
    }

    [Fact]
    public void Numbers_are_parsed_with_the_invariant_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal(2.5m, Eval("2.5"));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("\"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("'it\\'s'", "it's")]
    [InlineData("'back\\\\slash'", "back\\slash")]
    [InlineData("'line\\nbreak'", "line\nbreak")]
    [InlineData("'tab\\there'", "tab\there")]
    [InlineData("\"single ' inside double\"", "single ' inside double")]
    [InlineData("'double \" inside single'", "double \" inside single")]
    [InlineData("\"고위험\"", "고위험")]
    [InlineData("'독거 노인 \\'긴급\\''", "독거 노인 '긴급'")]
    public void String_escapes_and_Korean_text(string source, string expected) =>
        Assert.Equal(expected, Eval(source));

    [Fact]
    public void List_literals_evaluate_to_read_only_lists()
    {
        var value = Assert.IsAssignableFrom<IReadOnlyList<object?>>(Eval("[\"a\", 'b', 3, -1.5, true, null, []]"));
        Assert.Equal(7, value.Count);
        Assert.Equal("a", value[0]);
        Assert.Equal("b", value[1]);
        Assert.Equal(3m, value[2]);
        Assert.Equal(-1.5m, value[3]);
        Assert.Equal(true, value[4]);
        Assert.Null(value[5]);
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<object?>>(value[6]));
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<object?>>(Eval("[]")));
    }

    [Fact]
    public void List_literals_with_variables_are_built_per_evaluation()
    {
        var expression = Compile("[x, x.y, 1]");
        var first = Assert.IsAssignableFrom<IReadOnlyList<object?>>(expression.Evaluate(Vars(("x", 5))));
        Assert.Equal(new object?[] { 5m, null, 1m }, first);
        var second = Assert.IsAssignableFrom<IReadOnlyList<object?>>(expression.Evaluate(Vars(("x", "s"))));
        Assert.Equal(new object?[] { "s", null, 1m }, second);
    }

    [Theory]
    [InlineData("${amount > 100}")]
    [InlineData("${ amount > 100 }")]
    [InlineData("  ${amount>100}  ")]
    [InlineData("=amount > 100")]
    [InlineData("= amount > 100")]
    [InlineData("  =  amount > 100")]
    [InlineData("amount > 100")]
    public void Juel_and_feel_wrappers_are_stripped(string source)
    {
        var expression = Compile(source);
        Assert.Equal(source, expression.Source);
        Assert.Equal(source, expression.ToString());
        Assert.True(expression.EvaluateCondition(Vars(("amount", 150))));
        Assert.False(expression.EvaluateCondition(Vars(("amount", 50))));
        Assert.Equal(["amount"], expression.VariableNames);
    }

    [Fact]
    public void Juel_style_operators_are_accepted()
    {
        var expression = Compile("${approved && !rejected || override}");
        Assert.Equal("((approved and (not rejected)) or override)", expression.Root.ToString());
        Assert.True(expression.EvaluateCondition(Vars(("approved", true), ("rejected", false))));
        Assert.False(expression.EvaluateCondition(Vars(("approved", true), ("rejected", true))));
        Assert.True(expression.EvaluateCondition(Vars(("override", true))));
    }

    [Fact]
    public void Variable_names_are_the_first_segment_of_each_path()
    {
        var expression = Compile("needs.cleaning and household.members.count > 2 or risk == \"고위험\" or needs.food or 소득 < 100");
        Assert.Equal(new HashSet<string>(["needs", "household", "risk", "소득"]), expression.VariableNames);
        Assert.Empty(Compile("1 == 1 or true").VariableNames);
        Assert.Empty(Compile("'needs' in ['needs']").VariableNames);
        Assert.Equal(["a"], Compile("a.b.c").VariableNames);
        Assert.Contains("x", Compile("[x]").VariableNames);
    }

    [Fact]
    public void Variable_names_are_case_sensitive_and_read_only()
    {
        var names = Compile("Risk == risk").VariableNames;
        Assert.Equal(2, names.Count);
        Assert.True(names.Contains("Risk"));
        Assert.True(names.Contains("risk"));
        Assert.False(names is ICollection<string> { IsReadOnly: false });
    }

    [Theory]
    [InlineData("소득")]
    [InlineData("가구원_수")]
    [InlineData("_private")]
    [InlineData("x1")]
    [InlineData("camelCase")]
    [InlineData("снег")]
    public void Identifiers_may_contain_letters_digits_and_underscores(string name)
    {
        var expression = Compile(name + " == 1");
        Assert.Equal([name], expression.VariableNames);
        Assert.True(expression.EvaluateCondition(Vars((name, 1))));
    }

    [Fact]
    public void Identifiers_may_contain_supplementary_plane_letters()
    {
        const string name = "\U00020000값";
        Assert.True(Condition(name + " == 1", Vars((name, 1))));
    }

    [Fact]
    public void Whitespace_of_any_kind_separates_tokens()
    {
        Assert.True(Condition("a\t==\n1\r\nand\u00A0b", Vars(("a", 1), ("b", true))));
    }

    [Fact]
    public void Parse_results_report_success_and_failure_consistently()
    {
        var ok = ExpressionParser.Parse("a");
        Assert.True(ok.Success);
        Assert.NotNull(ok.Expression);
        Assert.Null(ok.Error);
        Assert.Equal(-1, ok.ErrorPosition);

        var failed = ExpressionParser.Parse("a ==");
        Assert.False(failed.Success);
        Assert.Null(failed.Expression);
        Assert.NotNull(failed.Error);
        Assert.Equal(4, failed.ErrorPosition);
    }
}
