using System.Text.Json;
using ReferralFlow.Host.Features.Tasks;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Host.Tests.Features.Tasks;

/// <summary>The outcome form check on its own (no host): conversions and every error at once.</summary>
public sealed class OutcomeFormTests
{
    private static readonly FormField[] Form =
    [
        new("visitDate", FormFieldType.Date, "Visit date", true, []),
        new("members", FormFieldType.Number, null, false, []),
        new("consent", FormFieldType.Boolean, null, true, []),
        new("risk", FormFieldType.Select, null, true, [new("low", null), new("high", null)]),
        new("summary", FormFieldType.Textarea, null, false, []),
    ];

    [Fact]
    public void Values_become_variables_of_the_engines_types()
    {
        var values = OutcomeForm.Validate(Form, Json("""{ "visitDate": "2026-03-03", "members": "3", "consent": "false", "risk": "low" }"""), Json("""{ "followUp": [1, 2] }"""));

        Assert.Equal("2026-03-03", values["visitDate"]);
        Assert.Equal(3m, values["members"]);
        Assert.Equal(false, values["consent"]);
        Assert.Equal("low", values["risk"]);
        Assert.False(values.ContainsKey("summary"));
        Assert.Equal(new List<object?> { 1m, 2m }, values["followUp"]);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_by_field()
    {
        var error = Assert.Throws<ApiException>(() => OutcomeForm.Validate(Form,
            Json("""{ "visitDate": "", "members": true, "risk": "none", "summary": "주민번호 900101-1234567", "extra": 1 }"""),
            Json("""{ "risk": "high" }""")));

        Assert.Equal(400, error.Status);
        Assert.Equal(
            ["outcome.consent", "outcome.extra", "outcome.members", "outcome.risk", "outcome.summary", "outcome.visitDate", "variables.risk"],
            error.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("'Visit date' is required.", Assert.Single(error.Errors["outcome.visitDate"]));
    }

    private static Dictionary<string, JsonElement> Json(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}
