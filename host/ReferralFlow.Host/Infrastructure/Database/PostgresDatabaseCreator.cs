using Npgsql;

namespace ReferralFlow.Host.Infrastructure.Database;

/// <summary>
/// Creates the configured PostgreSQL database on first start when it does not exist yet and the role may create
/// databases; otherwise stops the start with the exact statement an administrator has to run.
/// </summary>
internal static partial class PostgresDatabaseCreator
{
    public static async Task EnsureExistsAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        try
        {
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // Falls through: the server answers, the database is missing.
        }

        var database = target.Database ?? throw new InvalidOperationException("ConnectionStrings:ReferralFlow names no database.");
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        var create = $"CREATE DATABASE {Quote(database)} ENCODING 'UTF8' TEMPLATE template0";
        try
        {
            await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand(create, connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
            LogCreated(logger, database);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another process starting at the same time created it first.
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.InvalidCatalogName
            or PostgresErrorCodes.InvalidAuthorizationSpecification or PostgresErrorCodes.InvalidPassword)
        {
            var owner = target.Username is { Length: > 0 } user ? $" OWNER {Quote(user)}" : "";
            throw new InvalidOperationException(
                $"The PostgreSQL database \"{database}\" does not exist and the role \"{target.Username}\" may not create it ({e.SqlState}: {e.MessageText}). " +
                $"As a PostgreSQL administrator run: {create}{owner}; — or give the role CREATEDB — then start again.", e);
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the PostgreSQL database {Database}, which did not exist")]
    private static partial void LogCreated(ILogger logger, string database);
}
