using System.Globalization;
using System.Xml.Linq;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>Reads a <c>timerEventDefinition</c>: <c>timeDuration</c>, or <c>timeCycle</c> <c>R[n]/duration</c> where allowed.</summary>
internal static class TimerReader
{
    public static TimerDefinition? Read(XElement eventElement, string id, bool allowCycle, List<ValidationIssue> issues, HashSet<string> reported)
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
            Fail("unsupported-timer", $"Timer cycles ('{cycle}') are supported on non-interrupting boundary events only; use a timeDuration.");
        }
        else if (!string.IsNullOrEmpty(date))
        {
            Fail("unsupported-timer", $"Fixed timer dates ('{date}') are not supported; use a timeDuration such as P3D.");
        }
        else
        {
            Fail("invalid-duration", "The timer has no timeDuration.");
        }

        return result;

        TimerDefinition? ParseDuration(string text, int? repetitions)
        {
            if (IsoDuration.TryParse(text, out var parsed, out var error))
            {
                return new TimerDefinition(parsed, repetitions);
            }

            Fail("invalid-duration", error!);
            return null;
        }

        TimerDefinition? ParseCycle(string text)
        {
            var parts = text.Split('/');
            if (parts.Length != 2 || !parts[0].StartsWith('R'))
            {
                Fail("invalid-duration", $"The timer cycle '{text}' is not of the form R3/P1D.");
                return null;
            }

            int? repetitions = parts[0].Length == 1 ? null
                : int.TryParse(parts[0].AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : -1;
            if (repetitions == -1)
            {
                Fail("invalid-duration", $"The timer cycle '{text}' has an invalid repetition count.");
                return null;
            }

            return ParseDuration(parts[1], repetitions);
        }

        void Fail(string code, string message)
        {
            reported.Add(id);
            issues.Add(Issue.Error(code, id, message, eventElement));
        }
    }
}
