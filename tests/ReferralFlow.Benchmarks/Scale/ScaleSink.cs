using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace ReferralFlow.Benchmarks.Scale;

/// <summary>Where <see cref="ScaleSeed"/> writes its rows: binary COPY on PostgreSQL, prepared inserts in one transaction on SQLite.</summary>
internal abstract class ScaleSink : IAsyncDisposable
{
    public abstract Task WriteAsync(string table, (string Name, NpgsqlDbType Type)[] columns, IEnumerable<object?[]> rows);

    /// <summary>Commits (SQLite) and refreshes the planner's statistics.</summary>
    public abstract Task FinishAsync();

    public abstract ValueTask DisposeAsync();

    public static async Task<ScaleSink> OpenPostgresAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return new Postgres(connection);
    }

    public static async Task<ScaleSink> OpenSqliteAsync(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        return new Sqlite(connection);
    }

    private sealed class Postgres(NpgsqlConnection connection) : ScaleSink
    {
        public override async Task WriteAsync(string table, (string Name, NpgsqlDbType Type)[] columns, IEnumerable<object?[]> rows)
        {
            await using var writer = await connection.BeginBinaryImportAsync(
                $"COPY {table} ({string.Join(", ", columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)");
            // Ten million rows take minutes, most of it after the last row (index upkeep): no command timeout.
            writer.Timeout = TimeSpan.Zero;
            foreach (var row in rows)
            {
                await writer.StartRowAsync();
                for (var c = 0; c < columns.Length; c++)
                {
                    if (row[c] is null)
                    {
                        await writer.WriteNullAsync();
                    }
                    else
                    {
                        await writer.WriteAsync(row[c], columns[c].Type);
                    }
                }
            }

            await writer.CompleteAsync();
        }

        public override async Task FinishAsync()
        {
            // Autovacuum would get there on a live system; without it index-only scans read the heap anyway.
            await using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 0 };
            await analyze.ExecuteNonQueryAsync();
        }

        public override ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    // The host's SQLite schema: instants as INTEGER microseconds since the Unix epoch, ids as upper-case TEXT (EF Core's).
    private sealed class Sqlite(SqliteConnection connection) : ScaleSink
    {
        private SqliteTransaction? _transaction;

        public override async Task WriteAsync(string table, (string Name, NpgsqlDbType Type)[] columns, IEnumerable<object?[]> rows)
        {
            // Begun with the first row, not when opened: the seed publishes its workflow through the host first, and a
            // SQLite write transaction would lock it out.
            var transaction = _transaction ??= (SqliteTransaction)await connection.BeginTransactionAsync();
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
            var parameters = columns.Select((_, i) => insert.Parameters.Add(new SqliteParameter($"$p{i}", null))).ToArray();
            insert.Prepare();
            foreach (var row in rows)
            {
                for (var c = 0; c < columns.Length; c++)
                {
                    parameters[c].Value = row[c] switch
                    {
                        null => DBNull.Value,
                        DateTime at => (at.Ticks - DateTime.UnixEpoch.Ticks) / 10,
                        Guid id => id.ToString().ToUpperInvariant(),
                        var value => value,
                    };
                }

                await insert.ExecuteNonQueryAsync();
            }
        }

        public override async Task FinishAsync()
        {
            if (_transaction is not null)
            {
                await _transaction.CommitAsync();
            }

            await using var analyze = connection.CreateCommand();
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync();
            }

            await connection.DisposeAsync();
        }
    }
}
