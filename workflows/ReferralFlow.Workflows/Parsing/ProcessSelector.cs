using System.Xml.Linq;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>
/// Which process of the document runs: the one the host asks for (the workflow key), else the designer's choice in
/// <c>rf:process</c> on the definitions, else the first executable one with a start event. Every other is reported.
/// </summary>
internal static class ProcessSelector
{
    public static XElement? Select(XElement root, BpmnParserOptions options, List<ValidationIssue> issues)
    {
        var processes = root.Elements(BpmnNames.Bpmn + "process").ToList();
        if (processes.Count == 0)
        {
            issues.Add(Issue.Error("no-process", null, root));
            return null;
        }

        // The designer's choice (rf:process on the definitions), written when a foreign collaboration was made runnable.
        var definitionsId = (string?)root.Attribute("id");
        var written = ((string?)root.Attribute(BpmnNames.Rf + "process"))?.Trim();
        var writtenProcess = string.IsNullOrEmpty(written) ? null : processes.FirstOrDefault(p => (string?)p.Attribute("id") == written);
        if (!string.IsNullOrEmpty(written) && writtenProcess is null)
        {
            issues.Add(Issue.Error("process-not-found", definitionsId, root, ("id", written)));
        }

        XElement? chosen;
        if (options.ProcessId is { } wanted)
        {
            chosen = processes.FirstOrDefault(p => (string?)p.Attribute("id") == wanted);
            if (chosen is null)
            {
                issues.Add(Issue.Error("process-not-found", wanted, root, ("id", wanted)));
                return null;
            }

            // A workflow's key is its process: a draft saved under one key cannot quietly run another process.
            if (writtenProcess is not null && writtenProcess != chosen)
            {
                issues.Add(Issue.Error("process-choice-conflict", definitionsId, root, ("chosen", written), ("key", wanted)));
            }
        }
        else
        {
            chosen = writtenProcess
                ?? processes.FirstOrDefault(p => (string?)p.Attribute("isExecutable") == "true" && HasStart(p))
                ?? processes.FirstOrDefault(HasStart)
                ?? processes[0];
        }

        foreach (var other in processes.Where(p => p != chosen))
        {
            issues.Add(Issue.Warning("process-ignored", (string?)other.Attribute("id"), other,
                ("chosen", (string?)chosen.Attribute("id")), ("name", (string?)other.Attribute("name") ?? (string?)other.Attribute("id"))));
        }

        return chosen;

        static bool HasStart(XElement p) => p.Elements(BpmnNames.Bpmn + "startEvent").Any();
    }
}
