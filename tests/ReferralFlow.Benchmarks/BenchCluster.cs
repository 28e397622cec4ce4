using Npgsql;
using ReferralFlow.Testing;

namespace ReferralFlow.Benchmarks;

/// <summary>
/// The throwaway PostgreSQL cluster every database benchmark starts. With <c>--fsync</c> (and always for <c>issue18</c>)
/// it commits durably as a production server does; tests run it with fsync, synchronous commit and full-page writes off,
/// which makes a commit nearly free and flatters every number that waits on one.
/// </summary>
internal static class BenchCluster
{
    /// <summary>Whether clusters started from now on commit durably.</summary>
    public static bool Durable { get; set; }

    public static Task<PostgresServer> StartAsync() => PostgresServer.StartAsync(Durable);

    /// <summary>The server's version and durability settings as it reports them, for the report's first line.</summary>
    public static async Task<string> DescribeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('server_version'), current_setting('fsync'), current_setting('synchronous_commit'), current_setting('full_page_writes')",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"PostgreSQL {reader.GetString(0)}, fsync {reader.GetString(1)}, synchronous_commit {reader.GetString(2)}, full_page_writes {reader.GetString(3)}";
    }
}
