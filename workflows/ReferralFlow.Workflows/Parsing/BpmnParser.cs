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
            issues.Add(Issue.Error("not-bpmn", null, $"The root element is '{root.Name.LocalName}' in namespace '{root.Name.NamespaceName}', not a BPMN 2.0 'definitions' element."));
            return new BpmnParseResult(null, issues);
        }

        CheckDuplicateIds(root, issues);
        var process = SelectProcess(root, options, issues);
        if (process is null)
        {
            return new BpmnParseResult(null, issues);
        }

        ReportCollaboration(root, issues);
        var reader = new ProcessReader(process, options, issues);
        var definition = reader.Read();
        DefinitionValidator.Validate(definition, options, reader.ReportedEdges, issues);
        return new BpmnParseResult(definition, WithLines(root, issues));
    }

    private static XDocument? Load(string xml, BpmnParserOptions options, List<ValidationIssue> issues)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            issues.Add(Issue.Error("empty-document", null, "The document is empty."));
            return null;
        }

        if (xml.Length > options.MaxCharacters)
        {
            issues.Add(Issue.Error("document-too-large", null, $"The document has {xml.Length:N0} characters; the limit is {options.MaxCharacters:N0}."));
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
                        issues.Add(Issue.Error("document-too-deep", null, $"Elements are nested deeper than {options.MaxDepth} levels (line {((IXmlLineInfo)reader).LineNumber})."));
                        return null;
                    }
                }
            }

            using var treeReader = XmlReader.Create(new StringReader(xml), settings);
            return XDocument.Load(treeReader, LoadOptions.SetLineInfo);
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            issues.Add(new ValidationIssue(IssueSeverity.Error, "dtd-prohibited", null, "Document type definitions (DTDs) and entities are not allowed.", ex.LineNumber > 0 ? ex.LineNumber : null));
            return null;
        }
        catch (XmlException ex)
        {
            issues.Add(new ValidationIssue(IssueSeverity.Error, "malformed-xml", null, $"The document is not well-formed XML: {ex.Message}", ex.LineNumber == 0 ? null : ex.LineNumber));
            return null;
        }
    }

    // Graph checks know the element id but not its line; designers want both.
    private static List<ValidationIssue> WithLines(XElement root, List<ValidationIssue> issues)
    {
        if (!issues.Exists(i => i.Line is null && i.ElementId is not null))
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

        return issues.ConvertAll(i => i.Line is null && i.ElementId is not null && lines.TryGetValue(i.ElementId, out var line) ? i with { Line = line } : i);
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
                issues.Add(Issue.Error("duplicate-id", id, $"The id '{id}' is used by more than one element.", element));
            }
        }
    }

    private static XElement? SelectProcess(XElement root, BpmnParserOptions options, List<ValidationIssue> issues)
    {
        var processes = root.Elements(BpmnNames.Bpmn + "process").ToList();
        if (processes.Count == 0)
        {
            issues.Add(Issue.Error("no-process", null, "The document contains no BPMN process."));
            return null;
        }

        XElement? chosen;
        if (options.ProcessId is { } wanted)
        {
            chosen = processes.FirstOrDefault(p => (string?)p.Attribute("id") == wanted);
            if (chosen is null)
            {
                issues.Add(Issue.Error("process-not-found", wanted, $"The document has no process with id '{wanted}'."));
                return null;
            }
        }
        else
        {
            chosen = processes.FirstOrDefault(p => (string?)p.Attribute("isExecutable") == "true" && HasStart(p))
                ?? processes.FirstOrDefault(HasStart)
                ?? processes[0];
        }

        foreach (var other in processes.Where(p => p != chosen))
        {
            issues.Add(Issue.Warning("process-ignored", (string?)other.Attribute("id"),
                $"Only one process is executed ('{(string?)chosen.Attribute("id")}'); process '{(string?)other.Attribute("name") ?? (string?)other.Attribute("id")}' is ignored.", other));
        }

        return chosen;

        static bool HasStart(XElement p) => p.Elements(BpmnNames.Bpmn + "startEvent").Any();
    }

    private static void ReportCollaboration(XElement root, List<ValidationIssue> issues)
    {
        foreach (var flow in root.Elements(BpmnNames.Bpmn + "collaboration").Elements(BpmnNames.Bpmn + "messageFlow"))
        {
            issues.Add(Issue.Warning("message-flow-ignored", (string?)flow.Attribute("id"),
                "Message flows between pools are drawn only; they are not executed.", flow));
        }

        foreach (var element in root.Elements().Where(e => e.Name.Namespace == BpmnNames.Bpmn))
        {
            if (element.Name.LocalName is "choreography" or "globalTask" or "globalUserTask" or "globalScriptTask")
            {
                issues.Add(Issue.Warning("element-ignored", (string?)element.Attribute("id"),
                    $"'{element.Name.LocalName}' elements are not executed.", element));
            }
        }
    }
}
