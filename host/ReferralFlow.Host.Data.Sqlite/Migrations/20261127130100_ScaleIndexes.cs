using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Host.Data.Sqlite.Migrations
{
    /// <summary>
    /// Referral lists at national scale (issue 13): newest first by (opened, id), so a page and the keyset cursor are an
    /// index walk; a case owner's referrals by instance (index-only joins to their steps for the owner's tower).
    /// Written as SQL, so the model (and its snapshot) is unchanged.
    /// </summary>
    [DbContext(typeof(ReferralFlowDbContext))]
    [Migration("20261127130100_ScaleIndexes")]
    public partial class ScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_referrals_opened ON referrals (opened_at, id);");
            migrationBuilder.Sql("CREATE INDEX ix_referrals_owner_instance ON referrals (public_owner_agency_id, instance_id);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_referrals_owner_instance;");
            migrationBuilder.Sql("DROP INDEX ix_referrals_opened;");
        }
    }
}
