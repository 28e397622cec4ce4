using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Host.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReferralTransfers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "referral_transfers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    referral_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    from_district = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    to_district = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    from_owner_agency_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    reason_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    requested_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    requested_at = table.Column<long>(type: "INTEGER", nullable: false),
                    to_owner_agency_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    decline_reason_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    decline_note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    decided_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    decided_at = table.Column<long>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_referral_transfers", x => x.id);
                    table.ForeignKey(
                        name: "fk_referral_transfers_referral",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_referral_transfers_from_district",
                table: "referral_transfers",
                columns: new[] { "from_district", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_referral_transfers_referral",
                table: "referral_transfers",
                column: "referral_id");

            migrationBuilder.CreateIndex(
                name: "ix_referral_transfers_to_district",
                table: "referral_transfers",
                columns: new[] { "to_district", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "referral_transfers");
        }
    }
}
