using static ReferralFlow.Workflows.Tests.Expressions.ExpressionTestHelper;

namespace ReferralFlow.Workflows.Tests.Expressions;

public sealed class ExpressionAllocationTests
{
    [Theory]
    [InlineData("risk == \"고위험\" and amount > 100 and status in [\"open\", \"pending\"] and needs.cleaning")]
    [InlineData("${not closed && (score >= 70.5 || '장애' in tags) && dueDate < '2026-02-01'}")]
    [InlineData("ratio != -1 and missing == null and missing.deep == null and -amount < 0")]
    [InlineData("status not in [\"closed\", other] and '위험' in risk")]
    public void Evaluating_a_condition_over_plain_values_does_not_allocate(string source)
    {
        var expression = Compile(source);
        var variables = Vars(
            ("risk", "고위험"),
            ("amount", 150),
            ("ratio", 0.5d),
            ("score", 72L),
            ("status", "pending"),
            ("other", "x"),
            ("closed", false),
            ("dueDate", "2026-01-10"),
            ("tags", new List<object?> { "독거", "장애" }),
            ("needs", Vars(("cleaning", true))));

        for (var i = 0; i < 100; i++)
        {
            Assert.True(expression.EvaluateCondition(variables));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            expression.EvaluateCondition(variables);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
