using System.Text;
using System.Xml.Linq;
using ReferralFlow.Workflows.Parsing;

namespace ReferralFlow.Workflows.Tests.Parsing;

/// <summary>Random, structure-aware edits of a BPMN document, each described for the failure message.</summary>
internal static class BpmnMutator
{
    private static readonly XNamespace B = BpmnNames.Bpmn;

    private static readonly string[] Kinds =
    [
        "startEvent", "endEvent", "userTask", "task", "serviceTask", "sendTask", "scriptTask", "subProcess", "boundaryEvent",
        "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "intermediateCatchEvent", "sequenceFlow",
        "dataObjectReference", "textAnnotation", "laneSet", "timerEventDefinition", "conditionExpression", "unknownThing",
    ];

    private static readonly string[] References = ["sourceRef", "targetRef", "attachedToRef", "default"];

    public static string Mutate(XDocument document, Random random)
    {
        var elements = document.Root!.Descendants().Where(e => e.Name.Namespace == B).ToList();
        if (elements.Count == 0)
        {
            return "nothing to mutate";
        }

        var element = elements[random.Next(elements.Count)];
        var ids = elements.Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        var label = $"{element.Name.LocalName}#{(string?)element.Attribute("id")}";
        switch (random.Next(9))
        {
            case 0:
                element.Remove();
                return $"drop {label}";
            case 1:
                element.AddAfterSelf(new XElement(element));
                return $"duplicate {label}";
            case 2:
                var attribute = References[random.Next(References.Length)];
                var target = random.Next(5) == 0 ? "ghost" : ids.Count > 0 ? ids[random.Next(ids.Count)] : "ghost";
                element.SetAttributeValue(attribute, target);
                return $"{label}.{attribute} = {target}";
            case 3:
                element.Name = B + Kinds[random.Next(Kinds.Length)];
                return $"rename {label} to {element.Name.LocalName}";
            case 4:
                var newId = ids.Count > 0 && random.Next(2) == 0 ? ids[random.Next(ids.Count)] : random.Next(3) == 0 ? null : "x" + random.Next(100);
                element.SetAttributeValue("id", newId);
                return $"re-id {label} to {newId ?? "(none)"}";
            case 5:
                var host = elements[random.Next(elements.Count)];
                if (host == element || host.Ancestors().Contains(element))
                {
                    return "nest skipped";
                }

                element.Remove();
                host.Add(element);
                return $"nest {label} into {host.Name.LocalName}";
            case 6:
                if (element.Parent is { } parent && (string?)element.Attribute("id") is { } from && ids.Count > 0)
                {
                    var to = ids[random.Next(ids.Count)];
                    parent.Add(new XElement(B + "sequenceFlow", new XAttribute("id", "loop" + random.Next(1000)),
                        new XAttribute("sourceRef", to), new XAttribute("targetRef", from)));
                    return $"flow {to} -> {from}";
                }

                return "flow skipped";
            case 7:
                element.SetAttributeValue("name", string.Concat(Enumerable.Repeat("사례 관리 ", random.Next(1, 400))));
                return $"long Korean name on {label}";
            default:
                var condition = element.Name.LocalName == "sequenceFlow" ? element : element.Descendants(B + "sequenceFlow").FirstOrDefault();
                condition?.SetElementValue(B + "conditionExpression", new string('(', random.Next(1, 5_000)) + "x ==");
                return $"bad condition on {label}";
        }
    }

    /// <summary>The document as text: sometimes with a foreign encoding declaration, sometimes with characters as references.</summary>
    public static string Serialize(XDocument document, Random random, List<string> steps)
    {
        var xml = document.ToString(SaveOptions.DisableFormatting);
        switch (random.Next(4))
        {
            case 0:
                steps.Add("declared EUC-KR");
                return "<?xml version=\"1.0\" encoding=\"EUC-KR\"?>\n" + xml;
            case 1:
                steps.Add("Hangul as character references");
                var sb = new StringBuilder(xml.Length);
                foreach (var c in xml)
                {
                    sb.Append(c > 0x7f ? $"&#x{(int)c:X};" : c);
                }

                return sb.ToString();
            default:
                return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml.Replace("><", ">\n<", StringComparison.Ordinal);
        }
    }
}
