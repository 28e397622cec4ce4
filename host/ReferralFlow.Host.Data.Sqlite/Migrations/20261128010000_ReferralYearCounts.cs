using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Host.Data.Sqlite.Migrations
{
    /// <summary>
    /// The collaboration report's referrals per district and Korean year (issue 13), kept by row triggers on
    /// <c>referrals</c> in the same transaction as the row is opened, transferred (district changes) or deleted, so the
    /// report reads a handful of counter rows instead of every referral. <c>opened_at</c> is microseconds since the Unix
    /// epoch; the year is UTC+9 (Korea has no daylight saving; the report falls back to counting referrals when the
    /// calendar is configured otherwise). Backfilled from the existing referrals. Written as SQL, so the model (and its
    /// snapshot) is unchanged.
    /// </summary>
    [DbContext(typeof(ReferralFlowDbContext))]
    [Migration("20261128010000_ReferralYearCounts")]
    public partial class ReferralYearCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE referral_year_counts (
                    district TEXT NOT NULL,
                    year INTEGER NOT NULL,
                    referrals INTEGER NOT NULL,
                    CONSTRAINT pk_referral_year_counts PRIMARY KEY (district, year));
                """);
            migrationBuilder.Sql($"""
                INSERT INTO referral_year_counts (district, year, referrals)
                SELECT district, {Year("opened_at")}, count(*) FROM referrals GROUP BY 1, 2;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER referral_year_counts_insert AFTER INSERT ON referrals
                BEGIN
                    {Add("NEW")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER referral_year_counts_delete AFTER DELETE ON referrals
                BEGIN
                    {Remove("OLD")}
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER referral_year_counts_update AFTER UPDATE OF district, opened_at ON referrals
                WHEN OLD.district IS NOT NEW.district OR {Year("OLD.opened_at")} IS NOT {Year("NEW.opened_at")}
                BEGIN
                    {Remove("OLD")}
                    {Add("NEW")}
                END;
                """);
        }

        private static string Year(string openedAt) => $"CAST(strftime('%Y', ({openedAt} / 1000000) + 32400, 'unixepoch') AS INTEGER)";

        private static string Add(string row) => $"""
            INSERT INTO referral_year_counts (district, year, referrals) VALUES ({row}.district, {Year($"{row}.opened_at")}, 1)
                    ON CONFLICT (district, year) DO UPDATE SET referrals = referrals + 1;
            """;

        private static string Remove(string row) =>
            $"UPDATE referral_year_counts SET referrals = referrals - 1 WHERE district = {row}.district AND year = {Year($"{row}.opened_at")};";

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER referral_year_counts_update;");
            migrationBuilder.Sql("DROP TRIGGER referral_year_counts_delete;");
            migrationBuilder.Sql("DROP TRIGGER referral_year_counts_insert;");
            migrationBuilder.Sql("DROP TABLE referral_year_counts;");
        }
    }
}
