using ReferralFlow.Workflows.Parsing;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Cli;

/// <summary><c>validate &lt;file.bpmn&gt;</c>: prints every issue; exit 0 when the document may be published, 1 otherwise.</summary>
public static class ValidateCommand
{
    public static int Run(string[] args)
    {
        if (args.Length != 1)
        {
            throw new CliException("사용법 Usage: referralflow validate <file.bpmn>");
        }

        var path = args[0];
        if (!File.Exists(path))
        {
            throw new CliException($"파일이 없습니다. File not found: {path}");
        }

        var result = BpmnParser.Parse(File.ReadAllText(path));
        Print(path, result);
        return result.IsValid ? 0 : 1;
    }

    public static void Print(string path, BpmnParseResult result)
    {
        Console.WriteLine($"{path}");
        if (result.Definition is { } definition)
        {
            var name = definition.Name is null ? "" : $" \"{definition.Name}\"";
            Console.WriteLine($"  process {definition.Id}{name}: {definition.NodeList.Count} nodes, {definition.FlowList.Count} flows, {definition.Roles.Count} roles");
        }

        if (result.Issues.Count > 0)
        {
            Console.WriteLine($"  {"severity",-8} {"code",-24} {"element",-28} {"line",-9} message");
        }

        foreach (var issue in result.Issues.OrderBy(i => i.Severity).ThenBy(i => i.Line ?? int.MaxValue))
        {
            var severity = issue.Severity == IssueSeverity.Error ? "error" : "warning";
            var line = issue.Line is { } l ? $"line {l}" : "line -";
            Console.WriteLine($"  {severity,-8} {issue.Code,-24} {issue.ElementId ?? "-",-28} {line,-9} {issue.Message}");
        }

        var errors = result.Errors.Count();
        var warnings = result.Issues.Count - errors;
        Console.WriteLine(result.IsValid
            ? $"유효함 valid ({warnings} warning(s))"
            : $"유효하지 않음 invalid ({errors} error(s), {warnings} warning(s))");
    }
}
