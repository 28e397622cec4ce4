using System.Text.Json;
using ReferralFlow.Workflows.Expressions;
using static ReferralFlow.Workflows.Tests.Expressions.ExpressionTestHelper;

namespace ReferralFlow.Workflows.Tests.Expressions;

public sealed class ExpressionJsonTests
{
    private const string Document = """
        {
          "risk": "고위험",
          "score": 72.5,
          "members": 3,
          "urgent": true,
          "closed": false,
          "note": null,
          "tags": ["독거", "장애", 3, null, [1, 2]],
          "needs": { "cleaning": true, "food": false, "detail": { "level": 2 } },
          "visits": [ { "date": "2026-01-05" } ],
          "dueDate": "2026-01-10"
        }
        """;

    private static Dictionary<string, object?> JsonVariables()
    {
        using var document = JsonDocument.Parse(Document);
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            variables[property.Name] = property.Value.Clone();
        }

        return variables;
    }

    [Theory]
    [InlineData("risk == '고위험'", true)]
    [InlineData("score > 70 and score < 73", true)]
    [InlineData("score == 72.50", true)]
    [InlineData("members == 3 and members in [1, 2, 3]", true)]
    [InlineData("urgent and not closed", true)]
    [InlineData("closed", false)]
    [InlineData("note == null", true)]
    [InlineData("note", false)]
    [InlineData("'독거' in tags", true)]
    [InlineData("3 in tags", true)]
    [InlineData("null in tags", true)]
    [InlineData("[1, 2] in tags", true)]
    [InlineData("'노인' not in tags", true)]
    [InlineData("'위험' in risk", true)]
    [InlineData("needs.cleaning and not needs.food", true)]
    [InlineData("needs.detail.level >= 2", true)]
    [InlineData("needs.missing == null", true)]
    [InlineData("risk.length == null", true)]
    [InlineData("tags.first == null", true)]
    [InlineData("dueDate > '2026-01-05'", true)]
    [InlineData("needs == needs", true)]
    [InlineData("needs.detail == detail", true)]
    [InlineData("tags == tags", true)]
    [InlineData("visits == [visit]", true)]
    public void Json_elements_behave_like_plain_values(string source, bool expected)
    {
        var variables = JsonVariables();
        variables["detail"] = new Dictionary<string, object?> { ["level"] = 2 };
        variables["visit"] = new Dictionary<string, object?> { ["date"] = "2026-01-05" };
        Assert.Equal(expected, Condition(source, variables));
    }

    [Fact]
    public void Json_values_are_converted_when_returned()
    {
        var variables = JsonVariables();
        Assert.Equal("고위험", Eval("risk", variables));
        Assert.Equal(72.5m, Eval("score", variables));
        Assert.Equal(true, Eval("urgent", variables));
        Assert.Null(Eval("note", variables));
        Assert.Equal(2m, Eval("needs.detail.level", variables));

        var tags = Assert.IsType<List<object?>>(Eval("tags", variables));
        Assert.Equal(5, tags.Count);
        Assert.Equal("독거", tags[0]);
        Assert.Equal(3m, tags[2]);
        Assert.Null(tags[3]);
        Assert.Equal(new object?[] { 1m, 2m }, Assert.IsType<List<object?>>(tags[4]));

        var needs = Assert.IsType<Dictionary<string, object?>>(Eval("needs", variables));
        Assert.Equal(true, needs["cleaning"]);
        Assert.Equal(2m, Assert.IsType<Dictionary<string, object?>>(needs["detail"])["level"]);

        var list = Assert.IsAssignableFrom<IReadOnlyList<object?>>(Eval("[risk, needs.food]", variables));
        Assert.Equal(new object?[] { "고위험", false }, list);
    }

    [Fact]
    public void A_whole_json_object_can_be_the_variables()
    {
        using var document = JsonDocument.Parse("""{ "household": { "members": [ "a", "b" ] } }""");
        var variables = new Dictionary<string, object?> { ["household"] = document.RootElement.GetProperty("household") };
        Assert.True(Condition("'b' in household.members", variables));
    }

    [Fact]
    public void Json_ordering_type_errors_throw()
    {
        var variables = JsonVariables();
        Assert.Throws<ExpressionEvaluationException>(() => Condition("risk > 3", variables));
        Assert.Throws<ExpressionEvaluationException>(() => Condition("needs and true", variables));
        Assert.Throws<ExpressionEvaluationException>(() => Condition("score", variables));
    }

    [Fact]
    public void Json_numbers_outside_the_decimal_range_throw()
    {
        using var document = JsonDocument.Parse("""{ "huge": 1e400 }""");
        var variables = new Dictionary<string, object?> { ["huge"] = document.RootElement.GetProperty("huge") };
        var error = Assert.Throws<ExpressionEvaluationException>(() => Condition("huge > 1", variables));
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_json_element_is_null()
    {
        var variables = new Dictionary<string, object?> { ["x"] = default(JsonElement) };
        Assert.True(Condition("x == null", variables));
        Assert.Null(Eval("x", variables));
    }
}
