using System.Xml;
using System.Xml.Linq;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>Parses BPMN 2.0 XML safely into a <see cref="Model.WorkflowDefinition"/> and validates it.</summary>
public static class BpmnParser
{
    /// <summary>
    /// Parses and validates a BPMN document. Never throws for bad input: DTDs, external entities, oversized or
    /// too deeply nested documents, malformed XML and unsupported elements all become issues.
    /// </summary>
    /// <param name="xml">The BPMN 2.0 XML text.</param>
    /// <param name="options">Limits and the known roles; <see cref="BpmnParserOptions.Default"/> when null.</param>
    public static BpmnParseResult Parse(string xml, BpmnParserOptions? options = null)
    {
        options ??= BpmnParserOptions.Default;
        var issues = new List<ValidationIssue>();
        var document = Load(xml, options, issues);
        if (document?.Root is not { } root)
        {
            return new BpmnParseResult(null, issues);
        }

        if (root.Name != BpmnNames.Bpmn + "definitions")
        {
            issues.Add(Issue.Error("not-bpmn", null, root, ("element", root.Name.LocalName), ("namespace", root.Name.NamespaceName)));
            return new BpmnParseResult(null, issues);
        }

        var process = ProcessSelector.Select(root, options, issues);
        if (process is null)
        {
            return new BpmnParseResult(null, issues);
        }

        // Past the limit nothing else is checked: a report listing every element of a hostile document is itself too large.
        var count = process.Elements().Count(e => e.Name.Namespace == BpmnNames.Bpmn);
        if (count > options.MaxElements)
        {
            issues.Add(Issue.Error("too-many-elements", (string?)process.Attribute("id"), process, ("count", count), ("limit", options.MaxElements)));
            return new BpmnParseResult(null, issues);
        }

        CheckDuplicateIds(root, issues);
        ReportCollaboration(root, issues);
        var definition = new ProcessReader(process, issues).Read();
        DefinitionValidator.Validate(definition, options, issues);
        return new BpmnParseResult(definition, WithLines(root, process, issues));
    }

    private static XDocument? Load(string xml, BpmnParserOptions options, List<ValidationIssue> issues)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            issues.Add(Issue.AtLine(IssueSeverity.Error, "empty-document", null));
            return null;
        }

        if (xml.Length > options.MaxCharacters)
        {
            issues.Add(Issue.AtLine(IssueSeverity.Error, "document-too-large", 1, ("characters", xml.Length), ("limit", options.MaxCharacters)));
            return null;
        }

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = options.MaxCharacters,
            MaxCharactersFromEntities = 1024,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            // First pass only measures depth, so a hostile document never reaches the tree builder.
            using (var reader = XmlReader.Create(new StringReader(xml), settings))
            {
                while (reader.Read())
                {
                    if (reader.Depth > options.MaxDepth)
                    {
                        issues.Add(Issue.AtLine(IssueSeverity.Error, "document-too-deep", ((IXmlLineInfo)reader).LineNumber, ("limit", options.MaxDepth)));
                        return null;
                    }
                }
            }

            using var treeReader = XmlReader.Create(new StringReader(xml), settings);
            return XDocument.Load(treeReader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            issues.Add(Issue.AtLine(IssueSeverity.Error, "dtd-prohibited", Math.Max(ex.LineNumber, DoctypeLine(xml))));
            return null;
        }
        catch (XmlException ex)
        {
            issues.Add(Issue.AtLine(IssueSeverity.Error, "malformed-xml", Math.Max(ex.LineNumber, 1), ("detail", ex.Message)));
            return null;
        }
    }

    // The DOCTYPE's line when the reader gave none (an entity refused in the internal subset reports line 0).
    private static int DoctypeLine(string xml)
    {
        var at = xml.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? 1 : 1 + xml.AsSpan(0, at).Count('\n');
    }

    // Graph checks know the element id but not its line; designers want both.
    // Issues about the whole process (no start event, …) point at the process element.
    private static List<ValidationIssue> WithLines(XElement root, XElement process, List<ValidationIssue> issues)
    {
        if (!issues.Exists(i => i.Line is null))
        {
            return issues;
        }

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var element in root.Descendants())
        {
            if (element.Attribute("id")?.Value is { } id && element is IXmlLineInfo info && info.HasLineInfo())
            {
                lines.TryAdd(id, info.LineNumber);
            }
        }

        var processLine = Issue.LineOf(process);
        return issues.ConvertAll(i => i.Line is not null ? i
            : i with { Line = i.ElementId is not null && lines.TryGetValue(i.ElementId, out var line) ? line : processLine });
    }

    private static void CheckDuplicateIds(XElement root, List<ValidationIssue> issues)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var element in root.Descendants())
        {
            if (element.Name.Namespace != BpmnNames.Bpmn || element.Attribute("id")?.Value is not { } id)
            {
                continue;
            }

            if (!seen.Add(id))
            {
                issues.Add(Issue.Error("duplicate-id", id, element, ("id", id), ("kind", element.Name.LocalName)));
            }
        }
    }

    private static void ReportCollaboration(XElement root, List<ValidationIssue> issues)
    {
        foreach (var flow in root.Elements(BpmnNames.Bpmn + "collaboration").Elements(BpmnNames.Bpmn + "messageFlow"))
        {
            issues.Add(Issue.Warning("message-flow-ignored", (string?)flow.Attribute("id"), flow));
        }

        foreach (var element in root.Elements().Where(e => e.Name.Namespace == BpmnNames.Bpmn))
        {
            if (element.Name.LocalName is "choreography" or "globalTask" or "globalUserTask" or "globalScriptTask")
            {
                issues.Add(Issue.Warning("element-ignored", (string?)element.Attribute("id"), element, ("kind", element.Name.LocalName)));
            }
        }
    }
}
