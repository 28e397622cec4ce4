namespace ReferralFlow.Host.Infrastructure.Database;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>
/// <c>Database:Provider</c> (Sqlite, the embedded default, or PostgreSql) and the connection string
/// <c>ConnectionStrings:ReferralFlow</c>; with SQLite and no connection string the files go to <c>Database:DataDirectory</c>.
/// </summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string DataDirectory { get; set; } = "data";

    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// PostgreSQL: how many of the application's statements each connection keeps prepared (Npgsql's
    /// <c>Max Auto Prepare</c>, for a statement seen twice), unless the connection string sets it; 0 turns it off.
    /// The server then parses and plans a command's statements once per connection, not on every call.
    /// </summary>
    public int MaxAutoPrepare { get; set; } = 64;

    /// <summary>Creates the demo agencies and workers at start (also <c>--seed-demo</c>); refused in production mode.</summary>
    public bool SeedDemo { get; set; }
}
