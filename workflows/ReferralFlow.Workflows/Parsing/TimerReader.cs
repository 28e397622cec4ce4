using System.Globalization;
using System.Xml.Linq;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>Reads a <c>timerEventDefinition</c>: <c>timeDuration</c>, or <c>timeCycle</c> <c>R[n]/duration</c> where allowed.</summary>
internal static class TimerReader
{
    public static TimerDefinition? Read(XElement eventElement, string id, bool allowCycle, List<ValidationIssue> issues)
    {
        var timer = eventElement.Element(BpmnNames.Bpmn + "timerEventDefinition")!;
        var duration = timer.Element(BpmnNames.Bpmn + "timeDuration")?.Value.Trim();
        var cycle = timer.Element(BpmnNames.Bpmn + "timeCycle")?.Value.Trim();
        var date = timer.Element(BpmnNames.Bpmn + "timeDate")?.Value.Trim();
        TimerDefinition? result = null;
        if (!string.IsNullOrEmpty(duration))
        {
            result = ParseDuration(duration, 1);
        }
        else if (!string.IsNullOrEmpty(cycle) && allowCycle)
        {
            result = ParseCycle(cycle);
        }
        else if (!string.IsNullOrEmpty(cycle))
        {
            Fail("unsupported-timer", "reason.timer-cycle", cycle);
        }
        else if (!string.IsNullOrEmpty(date))
        {
            Fail("unsupported-timer", "reason.timer-date", date);
        }
        else
        {
            Fail("invalid-duration", "reason.timer-missing", null);
        }

        return result;

        TimerDefinition? ParseDuration(string text, int? repetitions)
        {
            if (IsoDuration.TryParse(text, out var parsed, out _))
            {
                return new TimerDefinition(parsed, repetitions);
            }

            Fail("invalid-duration", "reason.timer-not-duration", text);
            return null;
        }

        TimerDefinition? ParseCycle(string text)
        {
            var parts = text.Split('/');
            if (parts.Length != 2 || !parts[0].StartsWith('R'))
            {
                Fail("invalid-duration", "reason.cycle-form", text);
                return null;
            }

            int? repetitions = parts[0].Length == 1 ? null
                : int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1;
            if (repetitions == -1)
            {
                Fail("invalid-duration", "reason.cycle-count", text);
                return null;
            }

            return ParseDuration(parts[1], repetitions);
        }

        void Fail(string code, string reason, string? value) =>
            issues.Add(Issue.Error(code, id, eventElement, ("reason", reason), ("value", value)));
    }
}
