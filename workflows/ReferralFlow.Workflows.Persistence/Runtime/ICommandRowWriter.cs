namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// The provider-specific way to write one command's <see cref="CommandRows"/> in a single round trip, without EF Core's
/// change tracking. A provider project supplies it with its <c>UseWorkflowXxx</c> call
/// (<see cref="WorkflowClaimOptions.UseWorkflowCommandWriter"/>); without one, the runtime saves through the context.
/// </summary>
/// <remarks>
/// The rows are written atomically: in the context's current transaction when it has one, otherwise in a transaction of
/// their own. The runtime uses the writer only when the context has no pending changes, so none is left unsaved. Inside
/// a caller's transaction a writer may report any failed check as a conflict: the transaction is lost either way.
/// </remarks>
public interface ICommandRowWriter
{
    /// <summary>Writes the rows on the context's connection.</summary>
    /// <param name="db">The context (its connection and current transaction).</param>
    /// <param name="rows">What to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <exception cref="Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException">The stored instance is no longer at <see cref="CommandRows.LoadedRevision"/>; nothing was written.</exception>
    /// <exception cref="Microsoft.EntityFrameworkCore.DbUpdateException">The database refused a row (e.g. a unique key); nothing was written.</exception>
    /// <exception cref="InvalidOperationException">A task or timer row to close does not exist; nothing was written.</exception>
    Task WriteAsync(WorkflowDbContext db, CommandRows rows, CancellationToken cancellationToken);
}
