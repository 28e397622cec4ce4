using System.Reflection;

namespace ReferralFlow.Workflows.Templates;

/// <summary>A workflow template shipped with the engine (from <c>workflows/templates/*.bpmn</c>).</summary>
/// <param name="Key">The file name without extension, equal to the template's process id.</param>
/// <param name="Xml">The BPMN XML.</param>
public sealed record BundledTemplate(string Key, string Xml);

/// <summary>The workflow templates embedded in the engine assembly.</summary>
public static class BundledTemplates
{
    private const string Prefix = "ReferralFlow.Workflows.Templates.";

    private static readonly Lazy<IReadOnlyList<BundledTemplate>> LoadedTemplates = new(Load);

    /// <summary>Every bundled template, ordered by key.</summary>
    public static IReadOnlyList<BundledTemplate> All => LoadedTemplates.Value;

    /// <summary>Finds a bundled template by key.</summary>
    public static BundledTemplate? Find(string key) => All.FirstOrDefault(t => t.Key == key);

    private static IReadOnlyList<BundledTemplate> Load()
    {
        var assembly = typeof(BundledTemplates).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".bpmn", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new BundledTemplate(n[Prefix.Length..^".bpmn".Length], Read(assembly, n)))
            .ToList();
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
