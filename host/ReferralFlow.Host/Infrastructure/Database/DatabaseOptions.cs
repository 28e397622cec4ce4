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

    /// <summary>Creates the demo agencies and workers at start (also <c>--seed-demo</c>); refused in production mode.</summary>
    public bool SeedDemo { get; set; }
}
