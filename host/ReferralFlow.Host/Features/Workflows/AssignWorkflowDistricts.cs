using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Workflows;

/// <summary>
/// Gives each workflow stored before workflows belonged to districts (an empty <c>district</c> after the migration) an
/// owner, on start-up. The rule: a workflow goes to the district(s) whose referrals run on it; one nobody has used goes to
/// every district that has agencies (before, every district could use it — with one district, that is the only district
/// present). The district with the most referrals keeps the original rows; every further district gets its own copy of
/// the definition with all its versions, and its referrals' instances are moved onto the copy's identical versions. With no
/// agencies at all the workflow stays unassigned (visible to system administrators only) until the next start.
/// </summary>
internal sealed partial class AssignWorkflowDistricts(ILogger<AssignWorkflowDistricts> logger) : IStartupTask
{
    /// <summary>After the agencies exist, before the bundled templates are installed per district.</summary>
    public int Order => 102;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var workflow = services.GetRequiredService<WorkflowReadModel>();
        var host = services.GetRequiredService<ReferralFlowDbContext>();
        var legacy = await workflow.Definitions.Where(d => d.District == "").Select(d => d.Id).ToListAsync(cancellationToken);
        if (legacy.Count == 0)
        {
            return;
        }

        var districts = (await host.Agencies.AsNoTracking().Select(a => a.District).Distinct().ToListAsync(cancellationToken))
            .Where(d => d.Length > 0).Order(StringComparer.Ordinal).ToList();
        var unitOfWork = services.GetRequiredService<UnitOfWork>();
        var assignment = services.GetRequiredService<DefinitionDistricts>();
        foreach (var id in legacy)
        {
            await unitOfWork.ExecuteAsync(ct => AssignAsync(workflow, assignment, host, id, districts, ct), cancellationToken);
        }
    }

    private async Task AssignAsync(
        WorkflowReadModel workflow, DefinitionDistricts assignment, ReferralFlowDbContext host, Guid id, List<string> districts, CancellationToken cancellationToken)
    {
        var key = await workflow.Definitions.Where(d => d.Id == id).Select(d => d.Key).SingleAsync(cancellationToken);
        var used = await host.Referrals.AsNoTracking().Where(r => r.WorkflowKey == key)
            .GroupBy(r => r.District).Select(g => new { District = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var targets = used.Count > 0
            ? used.OrderByDescending(u => u.Count).ThenBy(u => u.District, StringComparer.Ordinal).Select(u => u.District).ToList()
            : districts;
        var taken = await workflow.Definitions.Where(d => d.Key == key && targets.Contains(d.District))
            .Select(d => d.District).ToListAsync(cancellationToken);
        targets = [.. targets.Except(taken, StringComparer.Ordinal)];
        if (targets.Count == 0)
        {
            LogUnassigned(logger, key);
            return;
        }

        await assignment.AssignAsync(id, targets[0], cancellationToken);
        foreach (var district in targets.Skip(1))
        {
            // The district's referrals move onto the copy's identical versions.
            var instances = await host.Referrals.AsNoTracking().Where(r => r.WorkflowKey == key && r.District == district)
                .Select(r => r.InstanceId).ToListAsync(cancellationToken);
            await assignment.CopyToDistrictAsync(id, district, instances, cancellationToken);
        }

        LogAssigned(logger, key, string.Join(", ", targets));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow {Key} from before districts owned workflows now belongs to {Districts}")]
    private static partial void LogAssigned(ILogger logger, string key, string districts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Workflow {Key} has no district yet: no district with agencies can take it (it stays visible to system administrators)")]
    private static partial void LogUnassigned(ILogger logger, string key);
}
