using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Workflows.Persistence.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class DefinitionDistrict : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_workflow_definitions_key",
                table: "workflow_definitions");

            migrationBuilder.AddColumn<string>(
                name: "district",
                table: "workflow_definitions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "ux_workflow_definitions_district_key",
                table: "workflow_definitions",
                columns: new[] { "district", "key" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_workflow_definitions_district_key",
                table: "workflow_definitions");

            migrationBuilder.DropColumn(
                name: "district",
                table: "workflow_definitions");

            migrationBuilder.CreateIndex(
                name: "ux_workflow_definitions_key",
                table: "workflow_definitions",
                column: "key",
                unique: true);
        }
    }
}
