using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace ReferralFlow.Workflows.Persistence.PostgreSql;

/// <summary>
/// Writes a command's rows in one <see cref="NpgsqlBatch"/>: one round trip, and without a caller's transaction the
/// batch is its own (PostgreSQL runs the statements before one Sync as one implicit transaction), so no COMMIT either.
/// Each table's rows go in one <c>INSERT … SELECT FROM unnest(…)</c>, so the statement texts stay the same from command to
/// command and are prepared once per connection (<c>Max Auto Prepare</c>).
/// </summary>
/// <remarks>
/// The instance update and each close must touch exactly one row. A statement cannot return a row count to the batch, so
/// each checks its own: <c>SELECT 1 / count(*)</c> over the rows it changed raises <c>division_by_zero</c> when none
/// matched, which aborts the batch before anything is committed.
/// </remarks>
internal sealed class PostgresCommandWriter : ICommandRowWriter
{
    public static PostgresCommandWriter Instance { get; } = new();

    public async Task WriteAsync(WorkflowDbContext db, CommandRows rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(rows);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection())
            {
                Transaction = db.Database.CurrentTransaction?.GetDbTransaction() as NpgsqlTransaction,
            };
            batch.BatchCommands.Add(PostgresCommandStatements.Instance(rows));
            foreach (var closing in rows.ClosedTasks)
            {
                batch.BatchCommands.Add(PostgresCommandStatements.CloseTask(rows.Instance.Id, closing));
            }

            foreach (var closing in rows.ClosedTimers)
            {
                batch.BatchCommands.Add(PostgresCommandStatements.CloseTimer(rows.Instance.Id, closing));
            }

            foreach (var insert in PostgresCommandStatements.Inserts(rows))
            {
                batch.BatchCommands.Add(insert);
            }

            try
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DivisionByZero)
            {
                throw await CheckFailedAsync(db, rows, ex, cancellationToken);
            }
            catch (PostgresException ex)
            {
                throw new DbUpdateException($"The rows of a command on instance {rows.Instance.Id} were refused: {ex.MessageText}", ex);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    // Which check failed is not in the error (Npgsql names the failed statement only when the connection string asks it
    // to), so the stored revision tells: moved means a concurrent command won; unchanged means a row to close is missing.
    // Inside the caller's transaction nothing more can be asked, and the caller's unit of work fails as a conflict anyway.
    private static async Task<Exception> CheckFailedAsync(WorkflowDbContext db, CommandRows rows, PostgresException ex, CancellationToken cancellationToken)
    {
        var conflict = new DbUpdateConcurrencyException($"Instance {rows.Instance.Id} is no longer at revision {rows.LoadedRevision}.", ex);
        if (rows.IsNewInstance || db.Database.CurrentTransaction is not null)
        {
            return conflict;
        }

        var stored = await db.Instances.AsNoTracking().Where(i => i.Id == rows.Instance.Id).Select(i => (int?)i.Revision).SingleOrDefaultAsync(cancellationToken);
        if (stored != rows.LoadedRevision)
        {
            return conflict;
        }

        var missing = rows.ClosedTasks.Select(c => $"task {c.TaskId}").Concat(rows.ClosedTimers.Select(c => $"timer {c.TimerId}"));
        return new InvalidOperationException($"Instance {rows.Instance.Id} has no row for one of: {string.Join(", ", missing)}.", ex);
    }
}
