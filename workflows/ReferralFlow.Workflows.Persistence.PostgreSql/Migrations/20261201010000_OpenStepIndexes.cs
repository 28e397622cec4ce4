using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Workflows.Persistence.PostgreSql.Migrations
{
    /// <summary>
    /// Open steps at national scale (issue 13), both partial so they stay the size of the open work: per agency and
    /// assignee, so the inbox's capped counts of my tasks and of the agency queue are index-only range scans (they were
    /// bitmap scans over every unclaimed open step of the district, 240 ms at 100,000 open steps under load); per
    /// instance with the columns the report counts, so a case owner's open-step counts join their referrals to it in
    /// instance order. The same SQL on PostgreSQL and SQLite, not in the model.
    /// </summary>
    [DbContext(typeof(WorkflowDbContext))]
    [Migration("20261201010000_OpenStepIndexes")]
    public partial class OpenStepIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_work_tasks_open_agency_assignee ON work_tasks (agency_id, assignee) WHERE status = 'Open';");
            migrationBuilder.Sql("CREATE INDEX ix_work_tasks_open_instance ON work_tasks (instance_id, agency_id, due_at, escalation_level) WHERE status = 'Open';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_work_tasks_open_instance;");
            migrationBuilder.Sql("DROP INDEX ix_work_tasks_open_agency_assignee;");
        }
    }
}
