using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Host.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DistrictAdministration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "district",
                table: "audit_log",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_active",
                table: "agencies",
                type: "INTEGER",
                nullable: false,
                // Every agency that exists already is active.
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "user_invitations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    token_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    issued_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    created_at = table.Column<long>(type: "INTEGER", nullable: false),
                    expires_at = table.Column<long>(type: "INTEGER", nullable: false),
                    used_at = table.Column<long>(type: "INTEGER", nullable: true),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_invitations", x => x.id);
                    table.ForeignKey(
                        name: "FK_user_invitations_AspNetUsers_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_district",
                table: "audit_log",
                columns: new[] { "district", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_user_invitations_user",
                table: "user_invitations",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ux_user_invitations_token_hash",
                table: "user_invitations",
                column: "token_hash",
                unique: true);

            // Earlier entries belong to the district of the agency that wrote them.
            migrationBuilder.Sql("UPDATE audit_log SET district = (SELECT agencies.district FROM agencies WHERE agencies.id = audit_log.agency_id) WHERE district IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "user_invitations");

            migrationBuilder.DropIndex(
                name: "ix_audit_log_district",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "district",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "is_active",
                table: "agencies");
        }
    }
}
