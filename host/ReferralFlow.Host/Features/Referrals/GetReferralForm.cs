using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Allocations;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>
/// What the new-referral page offers (no API endpoint): the district's workflows and agencies, the dong (the caller's
/// agency's by default) and, once a published workflow is chosen, its roles with the district's default allocation.
/// </summary>
public sealed class GetReferralForm(
    CurrentUser user, ReferralFlowDbContext db, WorkflowReadModel workflow, DefinitionStore store, ReferralViews views, RoleAllocationResolver allocations)
{
    public sealed record Role(string Key, string? Name, string AgencyId);

    public sealed record Response(IReadOnlyList<string> Workflows, IReadOnlyList<Agency> Agencies, string? Dong, IReadOnlyList<Role> Roles);

    public async Task<Response> HandleAsync(string? workflowKey, string? dong, CancellationToken cancellationToken)
    {
        var district = user.District;
        var workflows = await workflow.Definitions.Where(d => d.District == district).Select(d => d.Key).OrderBy(k => k).ToListAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().Where(a => a.District == district).OrderBy(a => a.Name).ToListAsync(cancellationToken);
        if (dong is null)
        {
            var mine = user.AgencyId;
            dong = agencies.FirstOrDefault(a => a.Id == mine)?.Dong;
        }

        var version = string.IsNullOrWhiteSpace(workflowKey) ? null : await store.GetVersionAsync(district, workflowKey.Trim(), cancellationToken: cancellationToken);
        if (version is null)
        {
            return new Response(workflows, agencies, dong, []);
        }

        var definition = await views.DefinitionAsync(version.Id, cancellationToken);
        var defaults = await allocations.ResolveAsync(district, dong, definition.Roles.Select(r => r.Key), null, cancellationToken);
        return new Response(workflows, agencies, dong, [.. definition.Roles.Select(r => new Role(r.Key, r.Name, defaults.GetValueOrDefault(r.Key, "")))]);
    }
}
