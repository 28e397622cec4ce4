using ReferralFlow.Workflows.Expressions;
using static ReferralFlow.Workflows.Tests.Expressions.ExpressionTestHelper;

namespace ReferralFlow.Workflows.Tests.Expressions;

public sealed class ExpressionRuntimeErrorTests
{
    [Theory]
    [InlineData("'a' < 3", "Operator '<' at position 4 cannot compare a string with a number; ordering works on two numbers or two strings.", 4)]
    [InlineData("3 >= 'a'", "Operator '>=' at position 2 cannot compare a number with a string; ordering works on two numbers or two strings.", 2)]
    [InlineData("true > false", "Operator '>' at position 5 cannot compare a boolean with a boolean; ordering works on two numbers or two strings.", 5)]
    [InlineData("[1] < [2]", "Operator '<' at position 4 cannot compare a list with a list; ordering works on two numbers or two strings.", 4)]
    [InlineData("1 and true", "Operator 'and' at position 2 needs boolean operands, but got a number.", 2)]
    [InlineData("true and 'yes'", "Operator 'and' at position 5 needs boolean operands, but got a string.", 5)]
    [InlineData("true && 'yes'", "Operator '&&' at position 5 needs boolean operands, but got a string.", 5)]
    [InlineData("false or 1", "Operator 'or' at position 6 needs boolean operands, but got a number.", 6)]
    [InlineData("a and b or [1]", "Operator 'or' at position 8 needs boolean operands, but got a list.", 8)]
    [InlineData("not 'x'", "Operator 'not' at position 0 needs boolean operands, but got a string.", 0)]
    [InlineData("!1", "Operator '!' at position 0 needs boolean operands, but got a number.", 0)]
    [InlineData("1 in 5", "Operator 'in' at position 2 needs a list or a string on the right, but got a number.", 2)]
    [InlineData("'a' in true", "Operator 'in' at position 4 needs a list or a string on the right, but got a boolean.", 4)]
    [InlineData("1 in '123'", "Operator 'in' at position 2 needs a string on the left when the right is a string, but got a number.", 2)]
    [InlineData("'a' not in obj", "Operator 'not in' at position 4 needs a list or a string on the right, but got an object.", 4)]
    [InlineData("-text", "Operator '-' at position 0 needs a number, but got a string.", 0)]
    public void Type_errors_throw_with_a_clear_message(string source, string message, int position)
    {
        var variables = Vars(("a", true), ("b", false), ("text", "t"), ("obj", Vars(("k", 1))));
        var expression = Compile(source);
        var error = Assert.Throws<ExpressionEvaluationException>(() => expression.Evaluate(variables));
        Assert.Equal(message, error.Message);
        Assert.Equal(position, error.Position);
    }

    [Fact]
    public void Ordering_a_string_variable_against_a_number_names_both_types()
    {
        var expression = Compile("${age >= 65}");
        var error = Assert.Throws<ExpressionEvaluationException>(() => expression.EvaluateCondition(Vars(("age", "칠십"))));
        Assert.Contains("cannot compare a string with a number", error.Message, StringComparison.Ordinal);
        Assert.Equal(6, error.Position);
    }

    [Theory]
    [InlineData("1", "a number")]
    [InlineData("'yes'", "a string")]
    [InlineData("[true]", "a list")]
    [InlineData("x", "a number")]
    [InlineData("obj", "an object")]
    public void Conditions_must_produce_a_boolean(string source, string kind)
    {
        var expression = Compile(source);
        var error = Assert.Throws<ExpressionEvaluationException>(
            () => expression.EvaluateCondition(Vars(("x", 2.5), ("obj", Vars()))));
        Assert.Equal($"The condition must evaluate to a boolean but produced {kind}.", error.Message);
    }

    [Fact]
    public void Null_conditions_are_false_and_booleans_pass_through()
    {
        Assert.False(Condition("null"));
        Assert.False(Condition("missing"));
        Assert.False(Condition("missing.member"));
        Assert.True(Condition("flag", Vars(("flag", true))));
        Assert.False(Condition("flag", Vars(("flag", false))));
    }

    [Fact]
    public void Unsupported_variable_types_throw_when_used()
    {
        var variables = Vars(("span", TimeSpan.FromHours(1)), ("thing", new object()));
        var error = Assert.Throws<ExpressionEvaluationException>(() => Condition("span == '01:00:00'", variables));
        Assert.Contains("System.TimeSpan", error.Message, StringComparison.Ordinal);
        Assert.Throws<ExpressionEvaluationException>(() => Eval("thing", variables));
        Assert.Throws<ExpressionEvaluationException>(() => Condition("'a' in [thing]", variables));
        // Not reading the variable is fine.
        Assert.True(Condition("true or span == null", variables));
        Assert.False(Condition("false and thing == null", variables));
    }

    [Fact]
    public void Dates_guids_and_enums_read_as_their_stored_string_forms()
    {
        var variables = Vars(
            ("due", new DateOnly(2026, 1, 5)),
            ("at", new DateTime(2026, 1, 5, 9, 30, 0, DateTimeKind.Utc)),
            ("offset", new DateTimeOffset(2026, 1, 5, 9, 30, 0, TimeSpan.FromHours(9))),
            ("id", Guid.Empty),
            ("day", DayOfWeek.Monday));
        Assert.True(Condition("due == '2026-01-05' and due < '2026-01-10' and due > '2025-12-31'", variables));
        Assert.True(Condition("at >= '2026-01-05' and at < '2026-01-06'", variables));
        Assert.Equal("2026-01-05T09:30:00.0000000+09:00", Eval("offset", variables));
        Assert.True(Condition("id == '00000000-0000-0000-0000-000000000000'", variables));
        Assert.True(Condition("day in ['Monday', 'Tuesday']", variables));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e30)]
    public void Non_finite_or_huge_doubles_throw(double value)
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => Condition("x > 0", Vars(("x", value))));
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Self_referencing_values_throw_instead_of_overflowing_the_stack()
    {
        var a = new Dictionary<string, object?>();
        a["self"] = a;
        var b = new Dictionary<string, object?>();
        b["self"] = b;
        Assert.True(Condition("a == a", Vars(("a", a))));
        var error = Assert.Throws<ExpressionEvaluationException>(() => Condition("a == b", Vars(("a", a), ("b", b))));
        Assert.Contains("nested more than 64 levels", error.Message, StringComparison.Ordinal);

        var list = new List<object?>();
        list.Add(list);
        var other = new List<object?>();
        other.Add(other);
        Assert.Throws<ExpressionEvaluationException>(() => Condition("a == b", Vars(("a", list), ("b", other))));
    }

    [Fact]
    public void Null_variables_argument_throws_argument_null()
    {
        var expression = Compile("a");
        Assert.Throws<ArgumentNullException>(() => expression.Evaluate(null!));
        Assert.Throws<ArgumentNullException>(() => expression.EvaluateCondition(null!));
    }

    [Fact]
    public void Evaluation_exception_has_the_standard_constructors()
    {
        Assert.Equal(-1, new ExpressionEvaluationException().Position);
        Assert.Equal("m", new ExpressionEvaluationException("m").Message);
        var inner = new InvalidOperationException();
        var wrapped = new ExpressionEvaluationException("m", inner);
        Assert.Same(inner, wrapped.InnerException);
        Assert.Equal(-1, wrapped.Position);
        Assert.Equal(7, new ExpressionEvaluationException("m", 7).Position);
    }
}
