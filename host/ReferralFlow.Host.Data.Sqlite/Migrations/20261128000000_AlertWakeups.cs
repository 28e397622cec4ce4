using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Host.Data.Sqlite.Migrations
{
    /// <summary>
    /// Pending alerts as due work (issue 17): the oldest is found by <c>created_at</c>. One process per SQLite database, so
    /// no trigger: the commit that writes an alert wakes the scheduler in process. Written as SQL, so the model (and its
    /// snapshot) is unchanged.
    /// </summary>
    [DbContext(typeof(ReferralFlowDbContext))]
    [Migration("20261128000000_AlertWakeups")]
    public partial class AlertWakeups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("CREATE INDEX ix_pending_alerts_created ON pending_alerts (created_at);");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP INDEX ix_pending_alerts_created;");
    }
}
