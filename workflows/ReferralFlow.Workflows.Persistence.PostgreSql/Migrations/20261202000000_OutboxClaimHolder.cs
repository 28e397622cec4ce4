using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Workflows.Persistence.PostgreSql.Migrations
{
    /// <summary>
    /// The process whose claim holds an outbox row (issue 18): on PostgreSQL a claim names the claiming process's advisory
    /// lock key, and a row whose claimer's lock is gone (the process died) may be claimed again at once instead of after
    /// the lease. Partial index: only rows under a claim carry a value.
    /// </summary>
    [DbContext(typeof(WorkflowDbContext))]
    [Migration("20261202000000_OutboxClaimHolder")]
    public partial class OutboxClaimHolder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "claimed_by",
                table: "outbox_messages",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_claimed_by",
                table: "outbox_messages",
                column: "claimed_by",
                filter: "claimed_by IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_claimed_by",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "claimed_by",
                table: "outbox_messages");
        }
    }
}
