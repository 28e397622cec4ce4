using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ReferralFlow.Workflows.Persistence.PostgreSql.Migrations;

/// <summary>
/// Row triggers that <c>NOTIFY workflow_due</c> (payload: the due instant in microseconds since the Unix epoch) when a
/// pending timer, escalation level or outbox message is written or its due time moves. The notification is part of the
/// writing transaction: listeners hear it at commit, never for a rolled-back row (<see cref="PostgresDueListener"/>).
/// </summary>
[DbContext(typeof(WorkflowDbContext))]
[Migration("20261201000000_TimerWakeups")]
public sealed class TimerWakeups : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            CREATE FUNCTION workflow_notify_due() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                due timestamptz;
                old_due timestamptz;
            BEGIN
                IF TG_TABLE_NAME = 'outbox_messages' THEN
                    due := NEW.next_attempt_at;
                    IF TG_OP = 'UPDATE' THEN old_due := OLD.next_attempt_at; END IF;
                ELSE
                    due := NEW.due_at;
                    IF TG_OP = 'UPDATE' THEN old_due := OLD.due_at; END IF;
                END IF;
                IF TG_OP = 'INSERT' OR OLD.status <> NEW.status OR old_due IS DISTINCT FROM due THEN
                    PERFORM pg_notify('{PostgresDueListener.Channel}', (extract(epoch FROM due) * 1000000)::bigint::text);
                END IF;
                RETURN NULL;
            END $$;
            CREATE TRIGGER workflow_timers_due AFTER INSERT OR UPDATE OF status, due_at ON workflow_timers
                FOR EACH ROW WHEN (NEW.status = 'Pending') EXECUTE FUNCTION workflow_notify_due();
            CREATE TRIGGER escalations_due AFTER INSERT OR UPDATE OF status, due_at ON escalations
                FOR EACH ROW WHEN (NEW.status = 'Pending') EXECUTE FUNCTION workflow_notify_due();
            CREATE TRIGGER outbox_messages_due AFTER INSERT OR UPDATE OF status, next_attempt_at ON outbox_messages
                FOR EACH ROW WHEN (NEW.status = 'Pending') EXECUTE FUNCTION workflow_notify_due();
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP TRIGGER outbox_messages_due ON outbox_messages;
        DROP TRIGGER escalations_due ON escalations;
        DROP TRIGGER workflow_timers_due ON workflow_timers;
        DROP FUNCTION workflow_notify_due();
        """);
}
