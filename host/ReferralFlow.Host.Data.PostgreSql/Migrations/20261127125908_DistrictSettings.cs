using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Host.Data.PostgreSql.Migrations
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
                    District = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    HolidaysJson = table.Column<string>(type: "text", nullable: false),
                    PoliciesJson = table.Column<string>(type: "text", nullable: false),
                    DefaultPolicy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RetentionYears = table.Column<int>(type: "integer", nullable: false),
                    RequireTwoFactorForCaseReaders = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uuid", nullable: true)
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
