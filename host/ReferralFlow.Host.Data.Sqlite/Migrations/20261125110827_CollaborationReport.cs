using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Host.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CollaborationReport : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "imported_referral_counts",
                columns: table => new
                {
                    district = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    referrals = table.Column<int>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_imported_referral_counts", x => new { x.district, x.year });
                });

            migrationBuilder.CreateTable(
                name: "joint_responses",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    district = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    hours = table.Column<decimal>(type: "TEXT", precision: 9, scale: 2, nullable: false),
                    people = table.Column<int>(type: "INTEGER", nullable: false),
                    agency_ids = table.Column<string>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_joint_responses", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_joint_responses_district_date",
                table: "joint_responses",
                columns: new[] { "district", "date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "imported_referral_counts");

            migrationBuilder.DropTable(
                name: "joint_responses");
        }
    }
}
