using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Data.PostgreSql;
using ReferralFlow.Host.Data.Sqlite;

namespace ReferralFlow.Host.Tests.Infrastructure.Database;

/// <summary>
/// The per-category consent migration on both providers: an old consent naming agencies becomes basic and living for
/// each of them, and health where its single health flag was set.
/// </summary>
public sealed class ConsentMigrationTests(PostgresClusterFixture cluster)
{
    private const string Before = "AuthSessions";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Guid ReferralId = Guid.Parse("0195a000-0000-7000-8000-000000000001");

    [Fact]
    public async Task Old_consents_become_one_row_per_agency_and_category_on_postgresql()
    {
        var name = $"consent_migration_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(cluster.Server.AdminConnectionString))
        {
            await admin.OpenAsync(Ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(Ct);
        }

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cluster.Server.AdminConnectionString) { Database = name }.ConnectionString);
        var options = new DbContextOptionsBuilder<ReferralFlowDbContext>();
        options.UseHostPostgres(connection);
        await MigrateAndCheckAsync(options.Options, "'{0}'", "true", "false");
    }

    [Fact]
    public async Task Old_consents_become_one_row_per_agency_and_category_on_sqlite()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(Ct);
        var options = new DbContextOptionsBuilder<ReferralFlowDbContext>();
        options.UseHostSqlite(connection);
        await MigrateAndCheckAsync(options.Options, "'{0}'", "1", "0", sqlite: true);
    }

    private static async Task MigrateAndCheckAsync(DbContextOptions<ReferralFlowDbContext> options, string guid, string yes, string no, bool sqlite = false)
    {
        await using var db = new ReferralFlowDbContext(options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Before, Ct);
        string Id(Guid id) => string.Format(System.Globalization.CultureInfo.InvariantCulture, guid, sqlite ? id.ToString().ToUpperInvariant() : id.ToString());
        var now = sqlite ? "0" : "now()";
        var referral =
            "INSERT INTO referrals (id, number, workflow_key, workflow_version, instance_id, status, district, referring_agency_id, referring_user_id, " +
            "public_owner_agency_id, household_name, opened_at, retain_until, revision) VALUES " +
            $"({Id(ReferralId)}, '2026-000001', 'hoarding-household', 1, {Id(Guid.NewGuid())}, 'InProgress', '관악구', 'nangok-dong', {Id(Guid.NewGuid())}, " +
            $"'nangok-dong', '김순자', {now}, {now}, 1)";
        var consents =
            "INSERT INTO referral_consents (id, referral_id, consented_by, relationship, consented_at, method, agency_ids, categories, health_data, urgent_reason, recorded_by, recorded_at) VALUES " +
            $"({Id(Guid.NewGuid())}, {Id(ReferralId)}, '김순자', '본인', {now}, 'written', '[\"gwanak-health\",\"gwanak-cleaning\"]', '[\"basic\",\"contact\"]', {yes}, NULL, {Id(Guid.NewGuid())}, {now}), " +
            $"({Id(Guid.NewGuid())}, {Id(ReferralId)}, '김순자', '본인', {now}, 'oral', '[\"sillim-welfare\"]', '[]', {no}, NULL, {Id(Guid.NewGuid())}, {now})";
        // Test data of fixed shape (no input): plain SQL against the old schema, which the model no longer maps.
#pragma warning disable EF1003
        await db.Database.ExecuteSqlRawAsync(referral, Ct);
        await db.Database.ExecuteSqlRawAsync(consents, Ct);
#pragma warning restore EF1003

        await migrator.MigrateAsync(null, Ct);

        var rows = (await db.ReferralConsents.AsNoTracking().Where(c => c.ReferralId == ReferralId).ToListAsync(Ct))
            .Select(c => $"{c.AgencyId}:{c.Category}:{c.Method}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["gwanak-cleaning:basic:written", "gwanak-cleaning:health:written", "gwanak-cleaning:living:written",
             "gwanak-health:basic:written", "gwanak-health:health:written", "gwanak-health:living:written",
             "sillim-welfare:basic:oral", "sillim-welfare:living:oral"],
            rows);
        Assert.All(await db.ReferralConsents.AsNoTracking().ToListAsync(Ct), c => Assert.Equal("김순자", c.ConsentedBy));
    }
}
