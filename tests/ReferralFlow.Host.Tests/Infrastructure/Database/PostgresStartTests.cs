using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace ReferralFlow.Host.Tests.Infrastructure.Database;

/// <summary>First start on a PostgreSQL server whose database does not exist yet.</summary>
public sealed class PostgresStartTests(PostgresClusterFixture cluster)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Host_creates_its_missing_database_when_the_role_may_and_starts()
    {
        var name = $"missing_{Guid.NewGuid():N}";
        var connection = new NpgsqlConnectionStringBuilder(cluster.Server.AdminConnectionString) { Database = name }.ConnectionString;

        await using var factory = Start(connection);
        var health = await factory.CreateClient().GetAsync("/health", Ct);

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(name, await DatabasesAsync());
    }

    [Fact]
    public async Task Host_refuses_to_start_and_names_the_statement_to_run_when_the_role_may_not_create_its_database()
    {
        var role = $"nocreate_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE ROLE \"{role}\" LOGIN NOCREATEDB");
        var name = $"missing_{Guid.NewGuid():N}";
        var connection = new NpgsqlConnectionStringBuilder(cluster.Server.AdminConnectionString) { Database = name, Username = role, Password = null }.ConnectionString;

        await using var factory = Start(connection);
        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        var message = Flatten(error);
        Assert.Contains($"CREATE DATABASE \"{name}\"", message, StringComparison.Ordinal);
        Assert.Contains($"OWNER \"{role}\"", message, StringComparison.Ordinal);
        Assert.DoesNotContain(name, await DatabasesAsync());
    }

    private static WebApplicationFactory<Program> Start(string connectionString) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("ConnectionStrings:ReferralFlow", connectionString);
            builder.UseSetting("Jobs:Enabled", "false");
        });

    private static string Flatten(Exception error) =>
        error.InnerException is null ? error.Message : error.Message + " | " + Flatten(error.InnerException);

    private async Task<List<string>> DatabasesAsync()
    {
        await using var connection = new NpgsqlConnection(cluster.Server.AdminConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT datname FROM pg_database", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var names = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.Server.AdminConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
