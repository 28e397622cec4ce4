using System.Collections.Immutable;
using System.Text.Json;
using ReferralFlow.Workflows.Execution;

namespace ReferralFlow.Workflows.Tests.Execution;

public sealed class InstanceStateJsonTests
{
    private static readonly DateTimeOffset Due = new(2025, 3, 1, 9, 30, 15, 123, TimeSpan.Zero);

    private static InstanceState RichState() => InstanceState.Empty with
    {
        Status = InstanceStatus.Running,
        NextId = 9,
        Tokens =
        [
            new Token(1, "visit", TokenState.AtTask),
            new Token(4, "join", TokenState.AtJoin, ArrivedVia: "f2"),
            new Token(6, "route", TokenState.Incident, Incident: "No outgoing flow matched."),
            new Token(7, "wait", TokenState.AtTimer),
        ],
        Timers = [new PendingTimer(2, "late", Due, 1), new PendingTimer(8, "monthly", Due.AddDays(30), 1, FiredCount: 2)],
        Variables = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, object?>
        {
            ["urgent"] = true,
            ["score"] = 12.50m,
            ["name"] = "김철수 \"난곡동\"",
            ["none"] = null,
            ["tags"] = new List<object?> { "health", 3m, false, null },
            ["household"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["members"] = 2m, ["address"] = new Dictionary<string, object?> { ["dong"] = "난곡동" } },
        }),
    };

    [Fact]
    public void Round_trip_keeps_every_token_timer_and_variable()
    {
        var state = RichState();

        var copy = InstanceStateJson.Deserialize(InstanceStateJson.Serialize(state));

        Assert.Equal(state.Status, copy.Status);
        Assert.Equal(state.NextId, copy.NextId);
        Assert.Equal(state.Tokens, copy.Tokens);
        Assert.Equal(state.Timers, copy.Timers);
        Assert.Equal(state.Variables.Keys.Order(StringComparer.Ordinal), copy.Variables.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(12.50m, copy.Variables["score"]);
        Assert.Equal("12.50", ((decimal)copy.Variables["score"]!).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new List<object?> { "health", 3m, false, null }, copy.Variables["tags"]);
        var household = Assert.IsType<IReadOnlyDictionary<string, object?>>(copy.Variables["household"], exactMatch: false);
        Assert.Equal("난곡동", Assert.IsType<IReadOnlyDictionary<string, object?>>(household["address"], exactMatch: false)["dong"]);
        Assert.Null(copy.Variables["none"]);
    }

    [Fact]
    public void Serialized_form_is_compact_and_serialising_twice_gives_the_same_text()
    {
        var json = InstanceStateJson.Serialize(RichState());

        Assert.DoesNotContain('\n', json);
        Assert.DoesNotContain(": ", json);
        Assert.Equal(json, InstanceStateJson.Serialize(InstanceStateJson.Deserialize(json)));
        Assert.StartsWith("""{"v":1,"status":"Running","nextId":9,""", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_state_round_trips()
    {
        var copy = InstanceStateJson.Deserialize(InstanceStateJson.Serialize(InstanceState.Empty));

        Assert.Equal(InstanceStatus.NotStarted, copy.Status);
        Assert.Empty(copy.Tokens);
        Assert.Empty(copy.Timers);
        Assert.Empty(copy.Variables);
        Assert.Equal(1, copy.NextId);
    }

    [Fact]
    public void Timer_due_time_keeps_its_instant_and_offset()
    {
        var kst = new DateTimeOffset(2025, 3, 1, 18, 0, 0, TimeSpan.FromHours(9));
        var state = InstanceState.Empty with { Timers = [new PendingTimer(1, "t", kst, 1)] };

        var due = InstanceStateJson.Deserialize(InstanceStateJson.Serialize(state)).Timers.Single().DueAt;

        Assert.Equal(kst, due);
        Assert.Equal(kst.Offset, due.Offset);
    }

    [Fact]
    public void Clr_numbers_in_variables_are_stored_as_decimals()
    {
        var state = InstanceState.Empty with
        {
            Variables = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, object?>
            {
                ["int"] = 3,
                ["long"] = 4L,
                ["double"] = 0.25,
                ["array"] = new[] { 1, 2 },
            }),
        };

        var copy = InstanceStateJson.Deserialize(InstanceStateJson.Serialize(state)).Variables;

        Assert.Equal(3m, copy["int"]);
        Assert.Equal(4m, copy["long"]);
        Assert.Equal(0.25m, copy["double"]);
        Assert.Equal(new List<object?> { 1m, 2m }, copy["array"]);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""{"v":1,"nextId":1}""")]
    [InlineData("""{"v":1,"status":"Sleeping","nextId":1}""")]
    [InlineData("""{"v":1,"status":"Running","nextId":"one"}""")]
    [InlineData("""{"v":1,"status":"Running","nextId":1,"tokens":[{"id":1,"state":"AtTask"}]}""")]
    [InlineData("""{"v":99,"status":"Running","nextId":1}""")]
    [InlineData("not json")]
    public void Malformed_documents_are_rejected_with_a_json_exception(string json) =>
        Assert.ThrowsAny<JsonException>(() => InstanceStateJson.Deserialize(json));
}
