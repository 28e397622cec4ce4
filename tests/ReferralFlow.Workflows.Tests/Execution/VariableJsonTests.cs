using System.Text.Json;
using ReferralFlow.Workflows.Execution;

namespace ReferralFlow.Workflows.Tests.Execution;

public sealed class VariableJsonTests
{
    [Fact]
    public void From_json_normalises_numbers_to_decimal_and_containers_to_lists_and_ordinal_dictionaries()
    {
        var variables = VariableJson.FromJson("""{"n":1,"f":1.5e2,"s":"x","b":true,"z":null,"l":[1,"a"],"o":{"K":1}}""");

        Assert.Equal(1m, variables["n"]);
        Assert.Equal(150m, variables["f"]);
        Assert.Equal("x", variables["s"]);
        Assert.Equal(true, variables["b"]);
        Assert.Null(variables["z"]);
        Assert.Equal(new List<object?> { 1m, "a" }, Assert.IsType<List<object?>>(variables["l"]));
        var nested = Assert.IsType<Dictionary<string, object?>>(variables["o"]);
        Assert.Same(StringComparer.Ordinal, nested.Comparer);
        Assert.False(nested.ContainsKey("k"));
    }

    [Fact]
    public void To_json_and_back_is_lossless()
    {
        var original = VariableJson.FromJson("""{"amount":1000000.10,"items":[{"a":[true,null]}],"text":"줄\n바꿈"}""");

        var copy = VariableJson.FromJson(VariableJson.ToJson(original));

        Assert.Equal(VariableJson.ToJson(original), VariableJson.ToJson(copy));
        Assert.Equal(1000000.10m, copy["amount"]);
    }

    [Fact]
    public void Normalize_converts_clr_values()
    {
        Assert.Equal(5m, VariableJson.Normalize(5));
        Assert.Equal(5m, VariableJson.Normalize((byte)5));
        Assert.Equal(0.5m, VariableJson.Normalize(0.5f));
        Assert.Equal("c", VariableJson.Normalize('c'));
        Assert.Equal("2025-03-01", VariableJson.Normalize(new DateOnly(2025, 3, 1)));
        Assert.Equal(new List<object?> { 1m, "x" }, VariableJson.Normalize(new object[] { 1L, "x" }));
        var obj = Assert.IsType<Dictionary<string, object?>>(VariableJson.Normalize(new Dictionary<string, int> { ["a"] = 1 }));
        Assert.Equal(1m, obj["a"]);
        using var document = JsonDocument.Parse("[1]");
        Assert.Equal(new List<object?> { 1m }, VariableJson.Normalize(document.RootElement));
    }

    [Fact]
    public void Normalize_refuses_what_cannot_be_a_variable()
    {
        Assert.Throws<ArgumentException>(() => VariableJson.Normalize(double.NaN));
        Assert.Throws<ArgumentException>(() => VariableJson.Normalize(new object()));
        Assert.Throws<ArgumentException>(() => VariableJson.Normalize(new Dictionary<int, object?> { [1] = null }));
        var cycle = new List<object?>();
        cycle.Add(cycle);
        Assert.Throws<ArgumentException>(() => VariableJson.Normalize(cycle));
    }

    [Fact]
    public void From_json_refuses_non_objects_and_numbers_beyond_decimal()
    {
        Assert.ThrowsAny<JsonException>(() => VariableJson.FromJson("[1]"));
        Assert.ThrowsAny<JsonException>(() => VariableJson.FromJson("""{"big":1e300}"""));
    }
}
