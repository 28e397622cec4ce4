using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Host.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DistrictSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "district_settings",
                columns: table => new
                {
                    District = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    HolidaysJson = table.Column<string>(type: "TEXT", nullable: false),
                    PoliciesJson = table.Column<string>(type: "TEXT", nullable: false),
                    DefaultPolicy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RetentionYears = table.Column<int>(type: "INTEGER", nullable: false),
                    RequireTwoFactorForCaseReaders = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_district_settings", x => x.District);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "district_settings");
        }
    }
}
