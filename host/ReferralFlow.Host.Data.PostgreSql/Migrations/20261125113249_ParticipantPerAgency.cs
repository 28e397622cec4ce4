using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Host.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ParticipantPerAgency : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_referral_participants",
                table: "referral_participants");

            migrationBuilder.AddPrimaryKey(
                name: "PK_referral_participants",
                table: "referral_participants",
                columns: new[] { "referral_id", "role_key", "agency_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_referral_participants",
                table: "referral_participants");

            migrationBuilder.AddPrimaryKey(
                name: "PK_referral_participants",
                table: "referral_participants",
                columns: new[] { "referral_id", "role_key" });
        }
    }
}
