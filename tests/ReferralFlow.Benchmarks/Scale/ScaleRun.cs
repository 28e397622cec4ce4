using Npgsql;
using ReferralFlow.Testing;

namespace ReferralFlow.Benchmarks.Scale;

/// <summary>
/// <c>scale-seed</c> builds the dataset; <c>scale</c> builds it unless <c>--database</c> names one already built, then
/// prints the table. Without <c>REFERRALFLOW_TEST_POSTGRES</c> both run on a throwaway cluster; <c>--provider sqlite</c>
/// runs them on the embedded default instead.
/// </summary>
internal static class ScaleRun
{
    public static async Task<int> RunAsync(ScaleOptions options, bool measure)
    {
        if (options.Sqlite)
        {
            return await RunSqliteAsync(options, measure);
        }

        await using var server = await PostgresServer.StartAsync();
        var name = options.Database ?? $"scale_{options.Referrals}";
        var exists = await ExistsAsync(server.AdminConnectionString, name);
        var connectionString = exists
            ? new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = name }.ConnectionString
            : options.Database is null ? await server.CreateDatabaseAsync(name) : await CreateKeptAsync(server.AdminConnectionString, name);
        await using var host = ScaleHost.Start(connectionString);
        if (!exists)
        {
            Console.WriteLine($"seeding {name}: {options.Referrals:N0} open referrals, {options.CompletedTasks:N0} completed steps");
            await ScaleSeed.RunAsync(host.Services, connectionString, options);
        }
        else
        {
            Console.WriteLine($"using the dataset in {name}");
        }

        return measure ? await ScaleBench.RunAsync(host, options.Runs) : 0;
    }

    // The embedded default: the host's SQLite file in a data directory, kept when named with --database.
    private static async Task<int> RunSqliteAsync(ScaleOptions options, bool measure)
    {
        var directory = Path.Combine(Path.GetTempPath(), "referralflow-scale", options.Database ?? $"scale_{options.Referrals}_{Guid.NewGuid():N}");
        var file = Path.Combine(directory, "referralflow.db");
        var exists = File.Exists(file);
        try
        {
            await using var host = ScaleHost.Start(null, b => b.UseSetting("Database:Provider", "Sqlite").UseSetting("Database:DataDirectory", directory));
            if (!exists)
            {
                Console.WriteLine($"seeding {file}: {options.Referrals:N0} open referrals, {options.CompletedTasks:N0} completed steps");
                await using var sink = await ScaleSink.OpenSqliteAsync($"Data Source={file};Pooling=False");
                await ScaleSeed.RunAsync(host.Services, sink, options);
            }
            else
            {
                Console.WriteLine($"using the dataset in {file}");
            }

            return measure ? await ScaleBench.RunAsync(host, options.Runs) : 0;
        }
        finally
        {
            if (options.Database is null)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    // A named database outlives the run (PostgresServer drops those it creates), so later runs can measure it again.
    private static async Task<string> CreateKeptAsync(string admin, string name)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "", StringComparison.Ordinal)}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static async Task<bool> ExistsAsync(string admin, string name)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", connection);
        command.Parameters.AddWithValue("n", name);
        return await command.ExecuteScalarAsync() is not null;
    }
}
