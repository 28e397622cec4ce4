using static ReferralFlow.Workflows.Tests.Expressions.ExpressionTestHelper;

namespace ReferralFlow.Workflows.Tests.Expressions;

public sealed class ExpressionEvaluationTests
{
    [Theory]
    [InlineData("true and true", true)]
    [InlineData("true and false", false)]
    [InlineData("false and true", false)]
    [InlineData("true && true", true)]
    [InlineData("true or false", true)]
    [InlineData("false or false", false)]
    [InlineData("false || true", true)]
    [InlineData("not true", false)]
    [InlineData("not false", true)]
    [InlineData("!true", false)]
    [InlineData("!!true", true)]
    [InlineData("not not false", false)]
    [InlineData("true or false and false", true)]
    [InlineData("(true or false) and false", false)]
    [InlineData("not true or true", true)]
    [InlineData("not (true or true)", false)]
    [InlineData("null and true", false)]
    [InlineData("null or true", true)]
    [InlineData("null or null", false)]
    [InlineData("not null", true)]
    [InlineData("missing or true", true)]
    [InlineData("not missing", true)]
    public void Logical_operators(string source, bool expected) => Assert.Equal(expected, Eval(source));

    [Theory]
    [InlineData("1 == 1", true)]
    [InlineData("1 == 1.0", true)]
    [InlineData("1.50 == 1.5", true)]
    [InlineData("1 != 2", true)]
    [InlineData("-0 == 0", true)]
    [InlineData("'a' == 'a'", true)]
    [InlineData("'a' == \"a\"", true)]
    [InlineData("'a' == 'A'", false)]
    [InlineData("'a' != 'b'", true)]
    [InlineData("true == true", true)]
    [InlineData("true != false", true)]
    [InlineData("null == null", true)]
    [InlineData("null != null", false)]
    [InlineData("missing == null", true)]
    [InlineData("1 == '1'", false)]
    [InlineData("1 != '1'", true)]
    [InlineData("true == 1", false)]
    [InlineData("'true' == true", false)]
    [InlineData("null == 0", false)]
    [InlineData("null == ''", false)]
    [InlineData("null == false", false)]
    [InlineData("[1, 'a'] == [1.0, 'a']", true)]
    [InlineData("[1, 'a'] == ['a', 1]", false)]
    [InlineData("[1] == [1, 1]", false)]
    [InlineData("[] == []", true)]
    [InlineData("[[1, 2], 3] == [[1, 2], 3]", true)]
    [InlineData("[1] == 1", false)]
    [InlineData("\"고위험\" == '고위험'", true)]
    [InlineData("\"고위험\" == '저위험'", false)]
    public void Equality(string source, bool expected) => Assert.Equal(expected, Eval(source));

    [Theory]
    [InlineData("1 < 2", true)]
    [InlineData("2 < 1", false)]
    [InlineData("2 < 2", false)]
    [InlineData("2 <= 2", true)]
    [InlineData("3 <= 2", false)]
    [InlineData("3 > 2", true)]
    [InlineData("2 > 2", false)]
    [InlineData("2 >= 2", true)]
    [InlineData("1 >= 2", false)]
    [InlineData("-3 < -2.5", true)]
    [InlineData("0.1 < 0.10000000001", true)]
    [InlineData("'a' < 'b'", true)]
    [InlineData("'B' < 'a'", true)]
    [InlineData("'abc' <= 'abc'", true)]
    [InlineData("'2026-01-05' < '2026-01-10'", true)]
    [InlineData("'2025-12-31' > '2026-01-01'", false)]
    [InlineData("'2026-01-05T09:00:00Z' >= '2026-01-05'", true)]
    [InlineData("'가' < '나'", true)]
    [InlineData("null < 1", false)]
    [InlineData("null >= 1", false)]
    [InlineData("1 > null", false)]
    [InlineData("null <= null", false)]
    [InlineData("missing > 3", false)]
    [InlineData("'a' < missing", false)]
    public void Ordering(string source, bool expected) => Assert.Equal(expected, Eval(source));

    [Theory]
    [InlineData("'a' in ['a', 'b']", true)]
    [InlineData("'c' in ['a', 'b']", false)]
    [InlineData("'c' not in ['a', 'b']", true)]
    [InlineData("'a' not in ['a', 'b']", false)]
    [InlineData("1 in [1.0, 2]", true)]
    [InlineData("'1' in [1, 2]", false)]
    [InlineData("null in [1, null]", true)]
    [InlineData("null in [1]", false)]
    [InlineData("[1] in [[1], 2]", true)]
    [InlineData("1 in []", false)]
    [InlineData("'고' in '고위험'", true)]
    [InlineData("'위험' in \"고위험\"", true)]
    [InlineData("'저' in '고위험'", false)]
    [InlineData("'' in 'abc'", true)]
    [InlineData("'ABC' in 'abc'", false)]
    [InlineData("'x' not in 'abc'", true)]
    [InlineData("null in 'abc'", false)]
    [InlineData("null not in 'abc'", true)]
    [InlineData("'a' in missing", false)]
    [InlineData("'a' not in missing", true)]
    [InlineData("'a' in null", false)]
    public void Membership(string source, bool expected) => Assert.Equal(expected, Eval(source));

    [Fact]
    public void Membership_with_a_list_literal_containing_variables()
    {
        var expression = Compile("status in [first, 'closed', other.status]");
        Assert.True(expression.EvaluateCondition(Vars(("status", "open"), ("first", "open"))));
        Assert.True(expression.EvaluateCondition(Vars(("status", "closed"))));
        Assert.True(expression.EvaluateCondition(Vars(("status", "x"), ("other", Vars(("status", "x"))))));
        Assert.False(expression.EvaluateCondition(Vars(("status", "x"))));
    }

    [Theory]
    [InlineData("-1", -1)]
    [InlineData("--1", 1)]
    [InlineData("- 2.5", -2.5)]
    [InlineData("-(3)", -3)]
    [InlineData("-x", -7)]
    [InlineData("--x", 7)]
    [InlineData("-(-x)", 7)]
    public void Unary_minus(string source, double expected) =>
        Assert.Equal((decimal)expected, Eval(source, Vars(("x", 7))));

    [Fact]
    public void Unary_minus_on_null_is_null()
    {
        Assert.Null(Eval("-missing"));
        Assert.Null(Eval("-null"));
        Assert.False(Condition("-missing < 0"));
    }

    [Fact]
    public void Korean_values_and_names()
    {
        var variables = Vars(("위험도", "고위험"), ("욕구", Vars(("청소", true), ("식사", false))), ("가구원수", 3));
        Assert.True(Condition("위험도 == \"고위험\" and 욕구.청소", variables));
        Assert.False(Condition("욕구.식사 or 위험도 == '저위험'", variables));
        Assert.True(Condition("가구원수 >= 3 and 위험도 in ['고위험', '중위험']", variables));
        Assert.True(Condition("${위험도 == '고위험'}", variables));
        Assert.True(Condition("= 위험도 != '저위험'", variables));
    }

    [Fact]
    public void Dotted_paths_read_nested_objects()
    {
        var variables = Vars(
            ("needs", Vars(("cleaning", true), ("food", false))),
            ("household", Vars(("members", 4), ("address", Vars(("city", "서울"))))));
        Assert.True(Condition("needs.cleaning", variables));
        Assert.False(Condition("needs.food", variables));
        Assert.Equal(4m, Eval("household.members", variables));
        Assert.Equal("서울", Eval("household.address.city", variables));
        Assert.True(Condition("household.members > 3 and household.address.city == '서울'", variables));
    }

    [Fact]
    public void Missing_variables_and_members_are_null()
    {
        var variables = Vars(("needs", Vars(("cleaning", true))), ("name", "김"), ("count", 3), ("flag", null));
        Assert.Null(Eval("nothing", variables));
        Assert.Null(Eval("nothing.at.all", variables));
        Assert.Null(Eval("needs.food", variables));
        Assert.Null(Eval("needs.cleaning.deeper", variables));
        Assert.Null(Eval("name.length", variables));
        Assert.Null(Eval("count.value", variables));
        Assert.Null(Eval("flag.value", variables));
        Assert.False(Condition("needs.food", variables));
        Assert.False(Condition("nothing.at.all", variables));
        Assert.True(Condition("needs.food == null", variables));
        Assert.False(Condition("nothing", variables));
        Assert.False(Condition("flag", variables));
    }

    [Fact]
    public void Member_access_on_lists_is_null()
    {
        var variables = Vars(("tags", new List<object?> { "a" }));
        Assert.Null(Eval("tags.count", variables));
        Assert.Null(Eval("tags.first", variables));
    }

    [Fact]
    public void Variable_lookup_uses_the_dictionary_comparer()
    {
        var ignoreCase = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["Risk"] = "high" };
        Assert.True(Condition("risk == 'high'", ignoreCase));
        Assert.False(Condition("risk == 'high'", Vars(("Risk", "high"))));
    }

    [Fact]
    public void And_and_or_short_circuit()
    {
        // The right operand would throw (a number is not a boolean) if it were evaluated.
        Assert.False(Condition("false and 5"));
        Assert.True(Condition("true or 5"));
        Assert.False(Condition("missing and ('a' < 1)"));
        Assert.True(Condition("true || 'a' < 1"));
        Assert.True(Condition("x == null or x.y > 3", Vars(("x", null))));
    }

    [Fact]
    public void Evaluate_returns_public_value_types()
    {
        Assert.IsType<decimal>(Eval("x", Vars(("x", 3))));
        Assert.IsType<decimal>(Eval("x", Vars(("x", 3L))));
        Assert.IsType<decimal>(Eval("x", Vars(("x", 3.5d))));
        Assert.IsType<decimal>(Eval("x", Vars(("x", 3.5f))));
        Assert.IsType<decimal>(Eval("x", Vars(("x", (short)3))));
        Assert.IsType<decimal>(Eval("x", Vars(("x", (byte)3))));
        Assert.IsType<decimal>(Eval("x", Vars(("x", 3u))));
        Assert.IsType<decimal>(Eval("x", Vars(("x", 3ul))));
        Assert.Equal("c", Eval("x", Vars(("x", 'c'))));
        Assert.IsType<bool>(Eval("1 == 1"));
        var list = new List<int> { 1, 2 };
        Assert.Equal(new object?[] { 1m, 2m }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(Eval("x", Vars(("x", list)))));
        var objects = new List<object?> { 1, "a" };
        Assert.Same(objects, Eval("x", Vars(("x", objects))));
        var nested = Vars(("a", 1));
        Assert.Same(nested, Eval("x", Vars(("x", nested))));
    }

    [Fact]
    public void Numbers_of_any_clr_type_compare_numerically()
    {
        var variables = Vars(("i", 3), ("l", 3L), ("d", 3.0d), ("m", 3.00m), ("f", 3f), ("s", (short)3), ("u", 3u), ("half", 0.1d));
        Assert.True(Condition("i == l and l == d and d == m and m == f and f == s and s == u", variables));
        Assert.True(Condition("i == 3 and d == 3.0 and m == 3", variables));
        Assert.True(Condition("half == 0.1", variables));
        Assert.True(Condition("i < 3.5 and l > 2.999 and d >= 3 and m <= 3", variables));
        Assert.True(Condition("d in [1, 2, 3]", variables));
        Assert.True(Condition("l in [i]", variables));
    }

    [Fact]
    public void Lists_from_variables_support_membership()
    {
        var variables = Vars(
            ("tags", new List<object?> { "독거", "장애", 3 }),
            ("codes", new[] { "A1", "B2" }),
            ("numbers", new List<int> { 1, 2, 3 }),
            ("longs", new long[] { 10, 20 }),
            ("empty", Array.Empty<object?>()));
        Assert.True(Condition("'독거' in tags", variables));
        Assert.True(Condition("3 in tags", variables));
        Assert.False(Condition("'노인' in tags", variables));
        Assert.True(Condition("'노인' not in tags", variables));
        Assert.True(Condition("'B2' in codes", variables));
        Assert.True(Condition("2 in numbers and 4 not in numbers", variables));
        Assert.True(Condition("20 in longs", variables));
        Assert.False(Condition("null in empty", variables));
        Assert.True(Condition("tags == ['독거', '장애', 3]", variables));
        Assert.True(Condition("numbers == [1, 2, 3]", variables));
    }

    [Fact]
    public void Objects_compare_member_wise()
    {
        var variables = Vars(("a", Vars(("x", 1), ("y", "b"))), ("b", Vars(("y", "b"), ("x", 1.0))), ("c", Vars(("x", 1))));
        Assert.True(Condition("a == b", variables));
        Assert.False(Condition("a == c", variables));
        Assert.True(Condition("a != c", variables));
        Assert.False(Condition("a == 1", variables));
    }

    [Fact]
    public void Expressions_can_be_evaluated_concurrently()
    {
        var expression = Compile("x > 10 and name in ['a', 'b']");
        Parallel.For(0, 10_000, i =>
        {
            var result = expression.EvaluateCondition(Vars(("x", i), ("name", i % 2 == 0 ? "a" : "z")));
            Assert.Equal(i > 10 && i % 2 == 0, result);
        });
    }
}
