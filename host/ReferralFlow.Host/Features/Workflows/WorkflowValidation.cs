using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Escalation;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Parsing;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// One issue as the API returns it: the engine's code, element, line and arguments, and the message in the caller's
/// language from the catalogue the designer shares (<c>workflows/ReferralFlow.Workflows/Validation/issue-texts.json</c>).
/// </summary>
public sealed record IssueView(IssueSeverity Severity, string Code, string? ElementId, string Message, int? Line, IReadOnlyDictionary<string, string> Arguments)
{
    public static IssueView From(ValidationIssue issue, CultureInfo culture) =>
        new(issue.Severity, issue.Code, issue.ElementId, issue.Text(Language(culture)), issue.Line, issue.Arguments);

    /// <summary>Every issue in the current UI culture (the request's language on the API and the pages).</summary>
    public static IReadOnlyList<IssueView> All(IEnumerable<ValidationIssue> issues) =>
        [.. issues.Select(i => From(i, CultureInfo.CurrentUICulture))];

    private static string Language(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en" ? "en" : "ko";
}

/// <summary>The validation report the API returns: every issue with its element id, line and message.</summary>
public sealed record ValidationReport(bool Valid, IReadOnlyList<IssueView> Issues)
{
    public static ValidationReport From(BpmnParseResult result) => new(result.IsValid, IssueView.All(result.Issues));
}

/// <summary>
/// Validates BPMN documents for a district: the engine's rules plus the role keys the district allocates, so a task with
/// a role nobody fills is reported by its id before a referral trips over it, and the district's send-recipient rules, so
/// a send task cannot mail outside the district (<c>send-to-not-allowed</c>).
/// </summary>
public sealed class WorkflowValidation(ReferralFlowDbContext db, ConfiguredEscalationPlanner escalations, SendRecipientPolicy recipients)
{
    public const int MaxKeyLength = 200;

    public async Task<BpmnParserOptions> OptionsAsync(string? processId, string district, CancellationToken cancellationToken)
    {
        var roles = await db.RoleAllocationDefaults.AsNoTracking().Where(a => a.District == district)
            .Select(a => a.RoleKey).Distinct().ToListAsync(cancellationToken);

        return BpmnParserOptions.Default with
        {
            ProcessId = processId,
            KnownRoles = roles.Count == 0 ? null : roles.ToHashSet(StringComparer.Ordinal),
            KnownEscalationPolicies = escalations.For(district).PolicyNames,
            SendRecipients = await recipients.ForDistrictAsync(district, cancellationToken),
        };
    }

    public async Task<BpmnParseResult> ParseAsync(string xml, string? processId, string district, CancellationToken cancellationToken) =>
        BpmnParser.Parse(xml, await OptionsAsync(processId, district, cancellationToken));

    /// <summary>
    /// A draft may be invalid while it is edited, but it must be a readable BPMN process: hostile, malformed, oversized
    /// or non-BPMN documents are refused with the parser's code and message (400), never stored.
    /// </summary>
    public static void RequireReadable(BpmnParseResult result)
    {
        if (result.Definition is null)
        {
            throw Unreadable(result.Issues);
        }
    }

    /// <summary>400 with the first error's code and text, and every issue located.</summary>
    public static ApiException Unreadable(IReadOnlyList<ValidationIssue> issues)
    {
        var views = IssueView.All(issues);
        var first = views.FirstOrDefault(i => i.Severity == IssueSeverity.Error)
            ?? IssueView.From(ValidationIssue.Create(IssueSeverity.Error, "not-bpmn", null, null, new Dictionary<string, string>()), CultureInfo.CurrentUICulture);
        return new ApiException(
            StatusCodes.Status400BadRequest,
            null,
            first.Message,
            new Dictionary<string, string[]> { ["xml"] = [.. views.Where(i => i.Severity == IssueSeverity.Error).Select(e => e.Message)] },
            new Dictionary<string, object?> { ["code"] = first.Code, ["line"] = first.Line, ["issues"] = views });
    }
}
