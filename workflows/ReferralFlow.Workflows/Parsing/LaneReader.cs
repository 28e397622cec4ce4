using System.Text;
using System.Xml.Linq;
using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>Reads the lanes (roles) of a process, including nested lane sets; the innermost lane of a node wins.</summary>
internal static class LaneReader
{
    public sealed record Result(IReadOnlyList<Lane> All, IReadOnlyDictionary<string, Lane> ByNode);

    public static Result Read(XElement process, List<ValidationIssue> issues)
    {
        var all = new List<Lane>();
        var byNode = new Dictionary<string, Lane>(StringComparer.Ordinal);
        foreach (var laneSet in process.Elements(BpmnNames.Bpmn + "laneSet"))
        {
            ReadLaneSet(laneSet, all, byNode, issues);
        }

        return new Result(all, byNode);
    }

    private static void ReadLaneSet(XElement laneSet, List<Lane> all, Dictionary<string, Lane> byNode, List<ValidationIssue> issues)
    {
        foreach (var element in laneSet.Elements(BpmnNames.Bpmn + "lane"))
        {
            var id = (string?)element.Attribute("id") ?? "";
            var name = (string?)element.Attribute("name");
            var explicitRole = (string?)element.Attribute(BpmnNames.Rf + "role");
            var role = explicitRole ?? Slug(name) ?? Slug(id) ?? id;
            if (explicitRole is not null && !IsSlug(explicitRole))
            {
                issues.Add(Issue.Error("invalid-role", id, element, ("role", explicitRole)));
            }

            var lane = new Lane(id, name, role);
            all.Add(lane);
            foreach (var reference in element.Elements(BpmnNames.Bpmn + "flowNodeRef"))
            {
                byNode[reference.Value.Trim()] = lane;
            }

            // Child lanes are read after the parent so their assignment overrides it.
            foreach (var child in element.Elements(BpmnNames.Bpmn + "childLaneSet"))
            {
                ReadLaneSet(child, all, byNode, issues);
            }
        }
    }

    /// <summary>True when <paramref name="value"/> is an ASCII slug such as <c>long-term-care</c>.</summary>
    public static bool IsSlug(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_');

    /// <summary>Derives a role key from a lane name: lower case, runs of other characters become '-'; Hangul is kept.</summary>
    public static string? Slug(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var sb = new StringBuilder();
        foreach (var c in text.Trim())
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        var slug = sb.ToString().Trim('-');
        return slug.Length == 0 ? null : slug;
    }
}
