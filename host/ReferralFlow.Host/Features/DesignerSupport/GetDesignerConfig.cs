using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Escalation;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Features.DesignerSupport;

/// <summary>
/// <c>GET /api/designer/config</c>: the role keys the caller's district allocates (district-wide and per-dong rows),
/// each with a Korean name and the agencies that fill it, and the escalation policies the host has configured —
/// the same sets the server's validator checks <c>rf:role</c> and <c>rf:escalation</c> against.
/// </summary>
public sealed class GetDesignerConfig(ReferralFlowDbContext db, CurrentUser user, ConfiguredEscalationPlanner escalations)
{
    public sealed record RoleInfo(string Key, string Name, IReadOnlyList<string> Agencies);

    public sealed record Response(IReadOnlyList<RoleInfo> Roles, IReadOnlyList<string> Policies, string? DefaultPolicy);

    /// <summary>Korean names of the usual role keys; other keys are shown as they are.</summary>
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal)
    {
        ["dong"] = "동주민센터 맞춤형복지팀",
        ["intake"] = "접수",
        ["benefits"] = "복지급여",
        ["long-term-care"] = "장기요양",
        ["welfare-center"] = "종합사회복지관",
        ["hub"] = "희망복지지원단",
        ["cleaning"] = "구청 청소과",
        ["housing-repair"] = "주거환경 개선",
        ["health"] = "보건소",
        ["meals"] = "식사 지원",
        ["case-manager"] = "사례관리자",
        ["provider"] = "서비스 제공기관",
        ["safety"] = "안전 확인",
    };

    public async Task<Response> HandleAsync(CancellationToken cancellationToken)
    {
        var district = user.District;
        var rows = string.IsNullOrEmpty(district)
            ? []
            : await (from a in db.RoleAllocationDefaults.AsNoTracking()
                     join agency in db.Agencies.AsNoTracking() on a.AgencyId equals agency.Id
                     where a.District == district
                     select new { a.RoleKey, agency.Name }).ToListAsync(cancellationToken);
        var roles = rows.GroupBy(r => r.RoleKey, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RoleInfo(g.Key, Names.GetValueOrDefault(g.Key, g.Key), [.. g.Select(r => r.Name).Distinct().Order(StringComparer.Ordinal)]))
            .ToList();
        var planner = escalations.For(district);
        return new Response(roles, [.. planner.PolicyNames.Order(StringComparer.Ordinal)], planner.DefaultPolicy);
    }
}
