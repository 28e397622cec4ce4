using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Host.Data.Sqlite.Migrations
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    referral_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    agency_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    consented_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    relationship = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    consented_at = table.Column<long>(type: "INTEGER", nullable: false),
                    method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    urgent_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    recorded_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false),
                    task_id = table.Column<int>(type: "INTEGER", nullable: true),
                    withdrawn_at = table.Column<long>(type: "INTEGER", nullable: true),
                    withdrawn_by = table.Column<Guid>(type: "TEXT", nullable: true)
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
SELECT upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-7' || substr(hex(randomblob(2)), 2) || '-' || substr('89AB', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))),
       c.referral_id, a.value, k.category, c.consented_by, c.relationship, c.consented_at, c.method, c.urgent_reason, c.recorded_by, c.recorded_at
FROM referral_consents c
CROSS JOIN json_each(c.agency_ids) AS a
CROSS JOIN (SELECT 'basic' AS category UNION ALL SELECT 'living' UNION ALL SELECT 'health') AS k
WHERE k.category <> 'health' OR c.health_data = 1;");

            migrationBuilder.DropTable(name: "referral_consents");

            migrationBuilder.CreateTable(
                name: "referral_access_grants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    referral_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    agency_id = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    granted_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    granted_at = table.Column<long>(type: "INTEGER", nullable: false),
                    revoked_at = table.Column<long>(type: "INTEGER", nullable: true)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    referral_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    consented_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    relationship = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    consented_at = table.Column<long>(type: "INTEGER", nullable: false),
                    method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    agency_ids = table.Column<string>(type: "TEXT", nullable: false),
                    categories = table.Column<string>(type: "TEXT", nullable: false),
                    health_data = table.Column<bool>(type: "INTEGER", nullable: false),
                    urgent_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    recorded_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<long>(type: "INTEGER", nullable: false)
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
