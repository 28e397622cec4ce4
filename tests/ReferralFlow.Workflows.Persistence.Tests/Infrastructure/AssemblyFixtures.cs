using ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

// One PostgreSQL cluster and one SQLite directory for the whole run; each test still gets its own database.
[assembly: AssemblyFixture(typeof(PostgresFixture))]
[assembly: AssemblyFixture(typeof(SqliteFixture))]
