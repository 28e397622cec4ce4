using ReferralFlow.Workflows.Model;
using ReferralFlow.Workflows.Parsing;

namespace ReferralFlow.Workflows.Cli;

/// <summary>The BPMN templates embedded in the engine core as <c>ReferralFlow.Workflows.Templates.&lt;file&gt;.bpmn</c>.</summary>
public sealed record BundledTemplate(string FileName, BpmnParseResult Result)
{
    private const string Prefix = "ReferralFlow.Workflows.Templates.";

    /// <summary>The process id, or the file name when the template could not be parsed.</summary>
    public string Id => Result.Definition?.Id ?? Path.GetFileNameWithoutExtension(FileName);

    public static IReadOnlyList<BundledTemplate> LoadAll()
    {
        var assembly = typeof(WorkflowDefinition).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".bpmn", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new BundledTemplate(n[Prefix.Length..], BpmnParser.Parse(reader.ReadToEnd()));
            })
            .ToList();
    }

    /// <summary>Finds a template by process id or file name (with or without <c>.bpmn</c>).</summary>
    public static BundledTemplate Find(string key)
    {
        var all = LoadAll();
        return all.FirstOrDefault(t => string.Equals(t.Id, key, StringComparison.OrdinalIgnoreCase)
                || string.Equals(Path.GetFileNameWithoutExtension(t.FileName), Path.GetFileNameWithoutExtension(key), StringComparison.OrdinalIgnoreCase))
            ?? throw new CliException($"템플릿 '{key}'이(가) 없습니다. No bundled template '{key}'. Available: {string.Join(", ", all.Select(t => t.Id))}");
    }
}
