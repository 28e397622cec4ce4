using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ReferralFlow.Host.Data.PostgreSql.Migrations
{
    /// <summary>
    /// Pending alerts as due work (issue 17): the oldest is found by <c>created_at</c>, and a row trigger sends
    /// <c>NOTIFY workflow_due</c> — the engine's channel, so the hosts' due-work schedulers hear it — with the end of the
    /// alert's minute, when it is mailed (microseconds since the Unix epoch). The notification is sent at commit, never for
    /// a rolled-back row, and PostgreSQL folds a transaction's identical payloads into one. Written as SQL, so the model
    /// (and its snapshot) is unchanged.
    /// </summary>
    [DbContext(typeof(ReferralFlowDbContext))]
    [Migration("20261128000000_AlertWakeups")]
    public partial class AlertWakeups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_pending_alerts_created ON pending_alerts (created_at);");
            migrationBuilder.Sql("""
                CREATE FUNCTION pending_alerts_notify_due() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('workflow_due', ((floor(extract(epoch FROM NEW.created_at) / 60) + 1) * 60000000)::bigint::text);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER pending_alerts_due AFTER INSERT ON pending_alerts
                    FOR EACH ROW EXECUTE FUNCTION pending_alerts_notify_due();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER pending_alerts_due ON pending_alerts;
                DROP FUNCTION pending_alerts_notify_due();
                DROP INDEX ix_pending_alerts_created;
                """);
        }
    }
}
