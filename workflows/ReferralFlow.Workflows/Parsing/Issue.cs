using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Parsing;

/// <summary>Builds coded issues: the code, the element it is about (its id and line) and the arguments its text names.</summary>
internal static class Issue
{
    public static ValidationIssue Error(string code, string? elementId, XElement? at, params (string Name, object? Value)[] args) =>
        Create(IssueSeverity.Error, code, elementId, LineOf(at), args);

    public static ValidationIssue Warning(string code, string? elementId, XElement? at, params (string Name, object? Value)[] args) =>
        Create(IssueSeverity.Warning, code, elementId, LineOf(at), args);

    public static ValidationIssue AtLine(IssueSeverity severity, string code, int? line, params (string Name, object? Value)[] args) =>
        Create(severity, code, null, line, args);

    public static int? LineOf(XElement? element) =>
        element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;

    private static ValidationIssue Create(IssueSeverity severity, string code, string? elementId, int? line, (string Name, object? Value)[] args)
    {
        var arguments = new Dictionary<string, string>(args.Length, StringComparer.Ordinal);
        foreach (var (name, value) in args)
        {
            arguments[name] = value switch
            {
                null => "",
                int number => number.ToString("N0", CultureInfo.InvariantCulture),
                long number => number.ToString("N0", CultureInfo.InvariantCulture),
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString() ?? "",
            };
        }

        return ValidationIssue.Create(severity, code, elementId, line, arguments);
    }
}
