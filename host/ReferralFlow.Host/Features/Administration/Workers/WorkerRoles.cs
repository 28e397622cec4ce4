using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Workers;

/// <summary>The roles administrators grant: worker, supervisor, designer, district-hub, district-admin; system-admin only by system administrators.</summary>
internal static class WorkerRoles
{
    public static readonly IReadOnlyList<string> Grantable = [Roles.Worker, Roles.Supervisor, Roles.Designer, Roles.DistrictHub, Roles.DistrictAdmin, Roles.SystemAdmin];

    /// <summary>The requested roles, checked and without repeats (403 for system-admin from a district administrator).</summary>
    public static List<string> Check(ProblemErrors errors, IReadOnlyList<string>? roles, AdminScope scope)
    {
        var wanted = (roles ?? []).Select(r => r?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            errors.Add("roles", ProblemCode.FieldRequired, ProblemLabel.Roles);
        }

        for (var i = 0; i < wanted.Count; i++)
        {
            if (!Grantable.Contains(wanted[i], StringComparer.Ordinal))
            {
                errors.Add($"roles[{i}]", ProblemCode.ValueNotAllowed, string.Join(", ", Grantable));
            }
        }

        errors.ThrowIfAny();
        scope.EnsureMayGrant(wanted);
        return [.. wanted.Order(StringComparer.Ordinal)];
    }
}
