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
        new("contact", FormFieldType.Text, null, false, []),
    ];

    [Fact]
    public void Values_become_variables_of_the_engines_types()
    {
        var values = OutcomeForm.Validate(Form, Json("""{ "visitDate": "2026-03-03", "members": "3", "consent": "false", "risk": "low" }"""));

        Assert.Equal("2026-03-03", values["visitDate"]);
        Assert.Equal(3m, values["members"]);
        Assert.Equal(false, values["consent"]);
        Assert.Equal("low", values["risk"]);
        Assert.False(values.ContainsKey("summary"));
        Assert.Equal(4, values.Count);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_by_field()
    {
        var error = Assert.Throws<ApiException>(() => OutcomeForm.Validate(Form,
            Json("""{ "visitDate": "", "members": true, "risk": "none", "summary": "주민번호 900101-1234567", "extra": 1 }""")));

        Assert.Equal(400, error.Status);
        Assert.Equal(
            ["outcome.consent", "outcome.extra", "outcome.members", "outcome.risk", "outcome.summary", "outcome.visitDate"],
            error.Errors!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("field-required", Assert.Single(error.ErrorCodes!["outcome.visitDate"]));
        Assert.Equal("resident-number", Assert.Single(error.ErrorCodes!["outcome.summary"]));
    }

    [Theory]
    [InlineData("contact", OutcomeForm.MaxTextLength)]
    [InlineData("summary", OutcomeForm.MaxTextareaLength)]
    public void Text_is_bounded_by_the_fields_kind(string field, int max)
    {
        var valid = $$"""{ "visitDate": "2026-03-03", "consent": true, "risk": "low", "{{field}}": "{{new string('가', max)}}" }""";
        var tooLong = $$"""{ "visitDate": "2026-03-03", "consent": true, "risk": "low", "{{field}}": "{{new string('가', max + 1)}}" }""";

        Assert.Equal(new string('가', max), OutcomeForm.Validate(Form, Json(valid))[field]);
        var error = Assert.Throws<ApiException>(() => OutcomeForm.Validate(Form, Json(tooLong)));
        Assert.Equal([$"outcome.{field}"], error.Errors!.Keys);
    }

    private static Dictionary<string, JsonElement> Json(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}
