using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Host.Data.PostgreSql.Migrations
{
    /// <summary>
    /// Consent per recipient agency and category (basic, living, health) with withdrawal, and explicit access grants.
    /// Existing consents are copied: every agency an old consent named gets basic and living, and health when the old
    /// single health flag was set. Role allocations stay in referral_participants but no longer give access.
    /// </summary>
    public partial class ConsentPerAgencyCategory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "referral_consent_grants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agency_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    consented_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    relationship = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    consented_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    urgent_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    task_id = table.Column<int>(type: "integer", nullable: true),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    withdrawn_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_referral_consent_grants", x => x.id);
                    table.ForeignKey(
                        name: "fk_referral_consent_grants_referral",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql(@"INSERT INTO referral_consent_grants (id, referral_id, agency_id, category, consented_by, relationship, consented_at, method, urgent_reason, recorded_by, recorded_at)
SELECT gen_random_uuid(), c.referral_id, a.agency_id, k.category, c.consented_by, c.relationship, c.consented_at, c.method, c.urgent_reason, c.recorded_by, c.recorded_at
FROM referral_consents c
CROSS JOIN LATERAL json_array_elements_text(c.agency_ids::json) AS a(agency_id)
CROSS JOIN LATERAL (VALUES ('basic'), ('living'), ('health')) AS k(category)
WHERE k.category <> 'health' OR c.health_data;");

            migrationBuilder.DropTable(name: "referral_consents");

            migrationBuilder.CreateTable(
                name: "referral_access_grants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agency_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    granted_by = table.Column<Guid>(type: "uuid", nullable: false),
                    granted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_referral_access_grants", x => x.id);
                    table.ForeignKey(
                        name: "fk_referral_access_grants_referral",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_referral_consent_grants_referral_agency",
                table: "referral_consent_grants",
                columns: new[] { "referral_id", "agency_id", "category" });

            migrationBuilder.CreateIndex(
                name: "ix_referral_access_grants_agency",
                table: "referral_access_grants",
                columns: new[] { "agency_id", "referral_id" });

            migrationBuilder.CreateIndex(
                name: "IX_referral_access_grants_referral_id",
                table: "referral_access_grants",
                column: "referral_id");
        }

        /// <inheritdoc />
        /// <remarks>Going back recreates the old, empty consent table: per-category consents cannot be folded back.</remarks>
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "referral_access_grants");
            migrationBuilder.DropTable(name: "referral_consent_grants");
            migrationBuilder.CreateTable(
                name: "referral_consents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    referral_id = table.Column<Guid>(type: "uuid", nullable: false),
                    consented_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    relationship = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    consented_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    method = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    agency_ids = table.Column<string>(type: "text", nullable: false),
                    categories = table.Column<string>(type: "text", nullable: false),
                    health_data = table.Column<bool>(type: "boolean", nullable: false),
                    urgent_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_referral_consents", x => x.id);
                    table.ForeignKey(
                        name: "fk_referral_consents_referral",
                        column: x => x.referral_id,
                        principalTable: "referrals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_referral_consents_referral_id",
                table: "referral_consents",
                column: "referral_id");
        }
    }
}
