using Microsoft.EntityFrameworkCore;
using ReferralFlow.Workflows.Execution;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>Destroys the free-text and variable data an instance keeps once its retention period has ended.</summary>
public sealed class InstanceRetention(WorkflowDbContext db)
{
    /// <summary>
    /// Clears task outcomes (cancel reasons become <paramref name="replacement"/>), timeline details, outbox template data and
    /// the instance's variables; the steps, times and statuses stay. Runs inside the caller's transaction; the instance
    /// change is saved with it.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="replacement">The text that stands where a cancel reason was.</param>
    /// <param name="cancellationToken">Cancels the statements.</param>
    public async Task AnonymiseAsync(Guid instanceId, string replacement, CancellationToken cancellationToken = default)
    {
        await db.Tasks.Where(t => t.InstanceId == instanceId)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.OutcomeJson, (string?)null).SetProperty(x => x.CancelReason, x => x.CancelReason == null ? null : replacement), cancellationToken);
        await db.Timeline.Where(e => e.InstanceId == instanceId)
            .ExecuteUpdateAsync(e => e.SetProperty(x => x.DataJson, (string?)null), cancellationToken);
        await db.Outbox.Where(m => m.InstanceId == instanceId)
            .ExecuteUpdateAsync(m => m.SetProperty(x => x.DataJson, (string?)null), cancellationToken);
        var instance = await db.Instances.SingleAsync(i => i.Id == instanceId, cancellationToken);
        instance.StateJson = InstanceStateJson.Serialize(
            InstanceStateJson.Deserialize(instance.StateJson) with { Variables = InstanceState.Empty.Variables });
        instance.Revision++;
    }
}
