using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Workflows.Persistence.PostgreSql.Migrations
{
    /// <summary>
    /// Open steps per agency and assignee (issue 13), partial so it stays the size of the open work: the inbox's capped
    /// counts of my tasks and of the agency queue become index-only range scans (they were bitmap scans over every
    /// unclaimed open step of the district: 240 ms at 100,000 open steps under load, 0.4 ms after). The same SQL on
    /// PostgreSQL and SQLite, not in the model.
    /// </summary>
    [DbContext(typeof(WorkflowDbContext))]
    [Migration("20261201010000_OpenStepAssigneeIndex")]
    public partial class OpenStepAssigneeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_work_tasks_open_agency_assignee ON work_tasks (agency_id, assignee) WHERE status = 'Open';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_work_tasks_open_agency_assignee;");
        }
    }
}
