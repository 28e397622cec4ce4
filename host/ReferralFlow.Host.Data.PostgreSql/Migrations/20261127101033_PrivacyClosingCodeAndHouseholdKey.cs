using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Host.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PrivacyClosingCodeAndHouseholdKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "closing_outcome_code",
                table: "referrals",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "duplicate_reason",
                table: "referrals",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "household_address_key",
                table: "referrals",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "household_key",
                table: "referrals",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_referrals_district_household_key",
                table: "referrals",
                columns: new[] { "district", "household_key" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_referrals_district_household_key",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "closing_outcome_code",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "duplicate_reason",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "household_address_key",
                table: "referrals");

            migrationBuilder.DropColumn(
                name: "household_key",
                table: "referrals");
        }
    }
}
