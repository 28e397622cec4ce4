namespace ReferralFlow.Testing;

/// <summary>Locates <c>initdb</c> and <c>pg_ctl</c>: <c>REFERRALFLOW_PG_BIN</c>, then PATH, then <c>/usr/lib/postgresql/*/bin</c> (newest first).</summary>
internal sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    public const string BinDirectoryVariable = "REFERRALFLOW_PG_BIN";

    public static PostgresBinaries Find()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(BinDirectoryVariable) is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var major) ? major : 0)
                .Select(d => Path.Combine(d, "bin")));
        }

        foreach (var directory in candidates)
        {
            var initdb = Path.Combine(directory, "initdb");
            var pgCtl = Path.Combine(directory, "pg_ctl");
            if (File.Exists(initdb) && File.Exists(pgCtl))
            {
                return new PostgresBinaries(initdb, pgCtl);
            }
        }

        throw new PostgresUnavailableException(
            "PostgreSQL server binaries (initdb and pg_ctl) were not found on PATH, in $" + BinDirectoryVariable
            + " or under /usr/lib/postgresql/*/bin. Install the server (Debian: apt-get install postgresql) or set "
            + PostgresServer.ConnectionStringVariable + " to the connection string of a running server (a superuser on its 'postgres' database).");
    }
}
