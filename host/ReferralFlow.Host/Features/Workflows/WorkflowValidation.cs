using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Escalation;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Parsing;
using ReferralFlow.Workflows.Validation;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>The validation report the API returns: every issue with its element id and line.</summary>
public sealed record ValidationReport(bool Valid, IReadOnlyList<ValidationIssue> Issues)
{
    public static ValidationReport From(BpmnParseResult result) => new(result.IsValid, result.Issues);
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
            KnownEscalationPolicies = escalations.PolicyNames,
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
        if (result.Definition is not null)
        {
            return;
        }

        var first = result.Errors.FirstOrDefault() ?? new ValidationIssue(IssueSeverity.Error, "not-bpmn", null, "The document is not a BPMN process.");
        throw new ApiException(
            StatusCodes.Status400BadRequest,
            "The document is not a readable BPMN process",
            first.Message,
            new Dictionary<string, string[]> { ["xml"] = [.. result.Errors.Select(e => e.Message)] },
            new Dictionary<string, object?> { ["code"] = first.Code, ["issues"] = result.Issues });
    }
}
