using System.Xml;
using System.Xml.Linq;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Workflows.Parsing;

internal static class Issue
{
    public static ValidationIssue Error(string code, string? elementId, string message, XElement? at = null) =>
        new(IssueSeverity.Error, code, elementId, message, LineOf(at));

    public static ValidationIssue Warning(string code, string? elementId, string message, XElement? at = null) =>
        new(IssueSeverity.Warning, code, elementId, message, LineOf(at));

    private static int? LineOf(XElement? element) =>
        element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;
}
