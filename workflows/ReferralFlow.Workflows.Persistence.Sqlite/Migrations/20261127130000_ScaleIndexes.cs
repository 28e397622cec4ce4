using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Workflows.Persistence.Sqlite.Migrations
{
    /// <summary>
    /// Task lists at national scale (issue 13): open tasks in list order (deadline, no deadline last, created, id), per
    /// status, per agency and per assignee, so a page is an index walk that stops at the limit; completed steps per agency by completion
    /// time for the report's median; an instance's agencies for the access checks' EXISTS; open steps per agency (partial,
    /// so it stays the size of the open work however long the history grows) for the report's counts. Expression indexes, so written as SQL (the same on PostgreSQL and SQLite) and not in
    /// the model.
    /// </summary>
    [DbContext(typeof(WorkflowDbContext))]
    [Migration("20261127130000_ScaleIndexes")]
    public partial class ScaleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_work_tasks_status_order ON work_tasks (status, (due_at IS NULL), due_at, created_at, id);");
            migrationBuilder.Sql("CREATE INDEX ix_work_tasks_agency_order ON work_tasks (agency_id, status, (due_at IS NULL), due_at, created_at, id);");
            migrationBuilder.Sql("CREATE INDEX ix_work_tasks_agency_completed ON work_tasks (agency_id, status, completed_at);");
            migrationBuilder.Sql("CREATE INDEX ix_work_tasks_instance_agency ON work_tasks (instance_id, agency_id);");
            migrationBuilder.Sql("CREATE INDEX ix_work_tasks_assignee_order ON work_tasks (assignee, status, (due_at IS NULL), due_at, created_at, id);");
            migrationBuilder.Sql("CREATE INDEX ix_work_tasks_open_agency ON work_tasks (agency_id, instance_id, due_at, escalation_level) WHERE status = 'Open';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_work_tasks_open_agency;");
            migrationBuilder.Sql("DROP INDEX ix_work_tasks_assignee_order;");
            migrationBuilder.Sql("DROP INDEX ix_work_tasks_instance_agency;");
            migrationBuilder.Sql("DROP INDEX ix_work_tasks_agency_completed;");
            migrationBuilder.Sql("DROP INDEX ix_work_tasks_agency_order;");
            migrationBuilder.Sql("DROP INDEX ix_work_tasks_status_order;");
        }
    }
}
