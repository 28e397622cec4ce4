using System.Text.Json;
using Npgsql;

namespace ReferralFlow.Host.Tests.Features.Retention;

/// <summary>
/// Looks for strings in every column of every table of a PostgreSQL database (host, workflow and Hangfire schemas
/// alike), as plain text and as JSON writes non-ASCII text (<c>\uXXXX</c>), case-insensitively.
/// </summary>
internal static class DatabaseSearch
{
    /// <summary>Each hit as <c>schema.table.column: needle</c>.</summary>
    public static async Task<List<string>> FindAsync(string connectionString, IEnumerable<string> needles, CancellationToken cancellationToken)
    {
        var forms = needles.SelectMany(n => new[] { n, JsonSerializer.Serialize(n).Trim('"') })
            .Select(n => n.ToLowerInvariant()).Distinct().ToList();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var columns = new List<(string Schema, string Table, string Column)>();
        await using (var command = new NpgsqlCommand("""
            SELECT c.table_schema, c.table_name, c.column_name
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
            WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
            ORDER BY 1, 2, c.ordinal_position
            """, connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var hits = new List<string>();
        foreach (var table in columns.GroupBy(c => (c.Schema, c.Table)))
        {
            var select = string.Join(", ", table.Select(c => $"\"{c.Column}\"::text"));
            await using var command = new NpgsqlCommand($"SELECT {select} FROM \"{table.Key.Schema}\".\"{table.Key.Table}\"", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var names = table.Select(c => c.Column).ToList();
            while (await reader.ReadAsync(cancellationToken))
            {
                for (var i = 0; i < names.Count; i++)
                {
                    var value = reader.IsDBNull(i) ? null : reader.GetString(i).ToLowerInvariant();
                    hits.AddRange(forms.Where(f => value?.Contains(f, StringComparison.Ordinal) == true).Select(f => $"{table.Key.Schema}.{table.Key.Table}.{names[i]}: {f}"));
                }
            }
        }

        return hits;
    }
}
