using System.Globalization;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Workflows.Cli;

/// <summary>Plausible outcome values for a task's form, so the demo can complete every task on its own.</summary>
public static class DemoOutcomes
{
    // Enough to show an inclusive split that takes some branches and skips others.
    private const int NeedsTakenPerTask = 4;

    /// <summary>
    /// First visit: the first few <c>needs*</c> booleans and every consent are true, other booleans false, selects the
    /// first option. A repeated visit (a loop) answers no to every <c>needs*</c> and takes the next option, so loops end.
    /// </summary>
    public static Dictionary<string, object?> For(UserTask task, int visit, DateTimeOffset today)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var needsSeen = 0;
        foreach (var field in task.Fields)
        {
            values[field.Id] = field.Type switch
            {
                FormFieldType.Boolean => Boolean(field.Id, visit, ref needsSeen),
                FormFieldType.Select when field.Options.Count > 0 => field.Options[(visit - 1) % field.Options.Count].Value,
                FormFieldType.Select => null,
                FormFieldType.Date => today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                FormFieldType.Number => 1m,
                _ => "확인",
            };
        }

        return values;
    }

    private static bool Boolean(string id, int visit, ref int needsSeen)
    {
        if (id.StartsWith("needs", StringComparison.Ordinal))
        {
            return visit == 1 && needsSeen++ < NeedsTakenPerTask;
        }

        return id.Contains("consent", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A short one-line rendering of the values, for the timeline.</summary>
    public static string Describe(IReadOnlyDictionary<string, object?> values) =>
        string.Join(", ", values.Select(kv => $"{kv.Key}={Format(kv.Value)}"));

    private static string Format(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
