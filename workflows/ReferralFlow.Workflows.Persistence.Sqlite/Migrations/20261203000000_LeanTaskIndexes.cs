using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Workflows.Persistence.Sqlite.Migrations
{
    /// <summary>
    /// Drops work_tasks (role_key, status), which no query filters on. PostgreSQL's migration of the same name drops three
    /// more; SQLite keeps them outside the model: at 100,000 open / 1,000,000 closed steps its planner chose a slower plan
    /// for the case owner's task list without them (36 → 52 ms), and its write cost is not what a SQLite server is short of.
    /// </summary>
    [DbContext(typeof(WorkflowDbContext))]
    [Migration("20261203000000_LeanTaskIndexes")]
    public partial class LeanTaskIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.DropIndex(name: "ix_work_tasks_role_status", table: "work_tasks");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.CreateIndex(name: "ix_work_tasks_role_status", table: "work_tasks", columns: ["role_key", "status"]);
    }
}
