using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Host.Data.PostgreSql.Migrations
{
    /// <summary>
    /// The collaboration report's referrals per district and Korean year (issue 13), kept by statement triggers on
    /// <c>referrals</c> in the same transaction as the row is opened, transferred (district changes) or deleted, so the
    /// report reads a handful of counter rows instead of every referral. One statement per trigger over its transition
    /// tables: a bulk COPY adds one aggregate, not a row update per referral, and the rows are upserted in key order, so
    /// two transfers in opposite directions lock them in the same order. The year is UTC+9 (Korea has no daylight saving;
    /// the report falls back to counting referrals when the calendar is configured otherwise). Backfilled from the
    /// existing referrals. Written as SQL, so the model (and its snapshot) is unchanged.
    /// </summary>
    [DbContext(typeof(ReferralFlowDbContext))]
    [Migration("20261128010000_ReferralYearCounts")]
    public partial class ReferralYearCounts : Migration
    {
        private const string Year = "extract(year FROM (opened_at AT TIME ZONE 'UTC') + interval '9 hours')::int";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE referral_year_counts (
                    district character varying(100) NOT NULL,
                    year integer NOT NULL,
                    referrals integer NOT NULL,
                    CONSTRAINT pk_referral_year_counts PRIMARY KEY (district, year));
                """);
            migrationBuilder.Sql($"""
                INSERT INTO referral_year_counts (district, year, referrals)
                SELECT district, {Year}, count(*) FROM referrals GROUP BY 1, 2;
                """);
            migrationBuilder.Sql(Trigger("insert", "NEW TABLE AS new_rows", $"SELECT district, {Year} AS year, 1 AS delta FROM new_rows"));
            migrationBuilder.Sql(Trigger("delete", "OLD TABLE AS old_rows", $"SELECT district, {Year} AS year, -1 AS delta FROM old_rows"));
            // Every update fires it; rows whose district and year did not change cancel out (+1 -1) and write nothing.
            migrationBuilder.Sql(Trigger("update", "OLD TABLE AS old_rows NEW TABLE AS new_rows",
                $"SELECT district, {Year} AS year, 1 AS delta FROM new_rows UNION ALL SELECT district, {Year}, -1 FROM old_rows"));
        }

        private static string Trigger(string name, string referencing, string deltas) => $"""
            CREATE FUNCTION referral_year_counts_{name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO referral_year_counts AS c (district, year, referrals)
                SELECT district, year, sum(delta) FROM ({deltas}) AS d
                GROUP BY district, year HAVING sum(delta) <> 0 ORDER BY district, year
                ON CONFLICT (district, year) DO UPDATE SET referrals = c.referrals + EXCLUDED.referrals;
                RETURN NULL;
            END $$;
            CREATE TRIGGER referral_year_counts_{name} AFTER {name.ToUpperInvariant()} ON referrals
                REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION referral_year_counts_{name}();
            """;

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var name in new[] { "insert", "delete", "update" })
            {
                migrationBuilder.Sql($"DROP TRIGGER referral_year_counts_{name} ON referrals; DROP FUNCTION referral_year_counts_{name}();");
            }

            migrationBuilder.Sql("DROP TABLE referral_year_counts;");
        }
    }
}
