using ReferralFlow.Workflows.Parsing;
using ReferralFlow.Workflows.Templates;

namespace ReferralFlow.Workflows.Cli;

/// <summary>A bundled template with its parse result.</summary>
public sealed record ParsedTemplate(string Key, BpmnParseResult Result)
{
    /// <summary>The process id, or the key when the template could not be parsed.</summary>
    public string Id => Result.Definition?.Id ?? Key;

    public static IReadOnlyList<ParsedTemplate> LoadAll() =>
        [.. BundledTemplates.All.Select(t => new ParsedTemplate(t.Key, BpmnParser.Parse(t.Xml)))];

    /// <summary>Finds a template by process id or key (with or without <c>.bpmn</c>).</summary>
    public static ParsedTemplate Find(string key)
    {
        var all = LoadAll();
        var wanted = Path.GetFileNameWithoutExtension(key);
        return all.FirstOrDefault(t => string.Equals(t.Id, wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(t.Key, wanted, StringComparison.OrdinalIgnoreCase))
            ?? throw new CliException($"템플릿 '{key}'이(가) 없습니다. No bundled template '{key}'. Available: {string.Join(", ", all.Select(t => t.Id))}");
    }
}
