using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Allocations;

/// <summary>Where an effective default comes from: a row for the dong, or the district-wide row.</summary>
public enum AllocationSource
{
    Dong,
    District,
}

/// <summary>One effective default: the agency that fills a role in a district (and dong).</summary>
public sealed record EffectiveAllocation(string RoleKey, string AgencyId, AllocationSource Source);

/// <summary>
/// Decides which agency fills each role of a referral: the referrer's override, else the dong's default, else the
/// district-wide default. A role nobody fills, or an override naming an unknown agency, is a 400 naming
/// <c>roleAllocations.&lt;role&gt;</c>.
/// </summary>
public sealed class RoleAllocationResolver(ReferralFlowDbContext db)
{
    public async Task<IReadOnlyDictionary<string, string>> ResolveAsync(
        string district, string? dong, IEnumerable<string> roleKeys, IReadOnlyDictionary<string, string>? overrides, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roleKeys);
        var roles = roleKeys.Distinct(StringComparer.Ordinal).ToList();
        var chosen = (overrides ?? new Dictionary<string, string>())
            .Where(o => !string.IsNullOrWhiteSpace(o.Value))
            .ToDictionary(o => o.Key, o => o.Value.Trim(), StringComparer.Ordinal);
        var defaults = (await EffectiveAsync(district, dong, cancellationToken)).ToDictionary(a => a.RoleKey, a => a.AgencyId, StringComparer.Ordinal);
        var overrideAgencies = chosen.Values.Distinct().ToList();
        var known = await db.Agencies.AsNoTracking().Where(a => overrideAgencies.Contains(a.Id)).Select(a => a.Id).ToListAsync(cancellationToken);

        var errors = new ProblemErrors();
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (chosen.TryGetValue(role, out var agency))
            {
                if (known.Contains(agency))
                {
                    result[role] = agency;
                }
                else
                {
                    errors.Add(Field(role), ProblemCode.AgencyNotFound, agency);
                }
            }
            else if (defaults.TryGetValue(role, out var fallback))
            {
                result[role] = fallback;
            }
            else
            {
                var where = string.IsNullOrWhiteSpace(dong) ? district : $"{district} {dong}";
                errors.Add(Field(role), ProblemCode.RoleUnallocated, role, where);
            }
        }

        // An override for a role the workflow does not have is almost always a typo; ignoring it would route the work
        // to the default agency without anyone noticing.
        foreach (var role in chosen.Keys.Where(r => !roles.Contains(r, StringComparer.Ordinal)))
        {
            errors.Add(Field(role), ProblemCode.RoleUnknown, role);
        }

        errors.ThrowIfAny();
        return result;
    }

    /// <summary>The district's defaults for a dong: dong rows override district-wide rows; sorted by role.</summary>
    public async Task<IReadOnlyList<EffectiveAllocation>> EffectiveAsync(string district, string? dong, CancellationToken cancellationToken)
    {
        var dongKey = dong?.Trim() ?? "";
        var rows = await db.RoleAllocationDefaults.AsNoTracking()
            .Where(a => a.District == district && (a.Dong == "" || a.Dong == dongKey))
            .Select(a => new { a.Dong, a.RoleKey, a.AgencyId })
            .ToListAsync(cancellationToken);
        return [.. rows
            .GroupBy(r => r.RoleKey, StringComparer.Ordinal)
            .Select(g => g.FirstOrDefault(r => r.Dong.Length > 0) is { } own
                ? new EffectiveAllocation(g.Key, own.AgencyId, AllocationSource.Dong)
                : new EffectiveAllocation(g.Key, g.First().AgencyId, AllocationSource.District))
            .OrderBy(a => a.RoleKey, StringComparer.Ordinal)];
    }

    private static string Field(string role) => $"roleAllocations.{role}";
}
