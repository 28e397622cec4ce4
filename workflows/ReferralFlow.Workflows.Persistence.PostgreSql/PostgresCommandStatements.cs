using Npgsql;

namespace ReferralFlow.Workflows.Persistence.PostgreSql;

/// <summary>The statements of <see cref="PostgresCommandWriter"/>; column lists match the entity configurations.</summary>
internal static class PostgresCommandStatements
{
    public static NpgsqlBatchCommand Instance(CommandRows rows)
    {
        var i = rows.Instance;
        return rows.IsNewInstance
            ? Command(
                """
                INSERT INTO workflow_instances (id, version_id, business_key, status, state_json, revision, created_at, updated_at, ended_at, role_agencies_json)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                """,
                P(i.Id), P(i.VersionId), P(i.BusinessKey), P(i.Status.ToString()), P(i.StateJson), P(i.Revision), P(i.CreatedAt), P(i.UpdatedAt),
                P(i.EndedAt), P(i.RoleAgenciesJson))
            : Command(
                """
                WITH changed AS (
                    UPDATE workflow_instances SET state_json = $1, status = $2, revision = $3, updated_at = $4, ended_at = $5
                    WHERE id = $6 AND revision = $7 RETURNING 1)
                SELECT 1 / count(*) FROM changed
                """,
                P(i.StateJson), P(i.Status.ToString()), P(i.Revision), P(i.UpdatedAt), P(i.EndedAt), P(i.Id), P(rows.LoadedRevision));
    }

    public static NpgsqlBatchCommand CloseTask(Guid instanceId, TaskClosing closing) =>
        Command(
            closing.Status == WorkTaskStatus.Completed
                ? """
                  WITH changed AS (
                      UPDATE work_tasks SET status = $3, completed_at = $4, outcome_json = $5, revision = revision + 1
                      WHERE instance_id = $1 AND task_id = $2 RETURNING 1)
                  SELECT 1 / count(*) FROM changed
                  """
                : """
                  WITH changed AS (
                      UPDATE work_tasks SET status = $3, completed_at = $4, cancel_reason = $5, revision = revision + 1
                      WHERE instance_id = $1 AND task_id = $2 RETURNING 1)
                  SELECT 1 / count(*) FROM changed
                  """,
            P(instanceId), P(closing.TaskId), P(closing.Status.ToString()), P(closing.At),
            P(closing.Status == WorkTaskStatus.Completed ? closing.OutcomeJson : closing.CancelReason));

    public static NpgsqlBatchCommand CloseTimer(Guid instanceId, TimerClosing closing) =>
        Command(
            """
            WITH changed AS (
                UPDATE workflow_timers SET status = $3, closed_at = $4 WHERE instance_id = $1 AND timer_id = $2 RETURNING 1)
            SELECT 1 / count(*) FROM changed
            """,
            P(instanceId), P(closing.TimerId), P(closing.Status.ToString()), P(closing.At));

    /// <summary>One statement per table with rows, in foreign-key order (tasks before their escalation levels).</summary>
    public static IEnumerable<NpgsqlBatchCommand> Inserts(CommandRows rows)
    {
        if (rows.NewTasks.Count > 0)
        {
            var t = rows.NewTasks;
            yield return Command(
                """
                INSERT INTO work_tasks (id, instance_id, task_id, node_id, name, role_key, agency_id, assignee, status, due_at,
                    escalation_policy, escalation_level, created_at, completed_at, outcome_json, cancel_reason, revision)
                SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
                """,
                Column(t, r => r.Id), Column(t, r => r.InstanceId), Column(t, r => r.TaskId), Column(t, r => r.NodeId), Column(t, r => r.Name),
                Column(t, r => r.RoleKey), Column(t, r => r.AgencyId), Column(t, r => r.Assignee), Column(t, r => r.Status.ToString()),
                Column(t, r => r.DueAt), Column(t, r => r.EscalationPolicy), Column(t, r => r.EscalationLevel), Column(t, r => r.CreatedAt),
                Column(t, r => r.CompletedAt), Column(t, r => r.OutcomeJson), Column(t, r => r.CancelReason), Column(t, r => r.Revision));
        }

        if (rows.Escalations.Count > 0)
        {
            var e = rows.Escalations;
            yield return Command(
                """
                INSERT INTO escalations (id, instance_id, task_row_id, level, policy, due_at, status, processed_at)
                SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8)
                """,
                Column(e, r => r.Id), Column(e, r => r.InstanceId), Column(e, r => r.TaskRowId), Column(e, r => r.Level), Column(e, r => r.Policy),
                Column(e, r => r.DueAt), Column(e, r => r.Status.ToString()), Column(e, r => r.ProcessedAt));
        }

        if (rows.ScheduledTimers.Count > 0)
        {
            var t = rows.ScheduledTimers;
            // A cycle timer keeps its row: a stored (instance, timer id) is rescheduled in place and keeps its row id.
            yield return Command(
                """
                INSERT INTO workflow_timers (id, instance_id, timer_id, node_id, token_id, due_at, status, dispatched_at, closed_at, created_at)
                SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                ON CONFLICT (instance_id, timer_id) DO UPDATE SET node_id = excluded.node_id, token_id = excluded.token_id,
                    due_at = excluded.due_at, status = excluded.status, dispatched_at = excluded.dispatched_at,
                    closed_at = excluded.closed_at, created_at = excluded.created_at
                """,
                Column(t, r => r.Id), Column(t, r => r.InstanceId), Column(t, r => r.TimerId), Column(t, r => r.NodeId), Column(t, r => r.TokenId),
                Column(t, r => r.DueAt), Column(t, r => r.Status.ToString()), Column(t, r => r.DispatchedAt), Column(t, r => r.ClosedAt),
                Column(t, r => r.CreatedAt));
        }

        if (rows.Timeline.Count > 0)
        {
            var t = rows.Timeline;
            yield return Command(
                """
                INSERT INTO timeline_events (instance_id, occurred_at, type, node_id, task_id, actor, data_json)
                SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7)
                """,
                Column(t, r => r.InstanceId), Column(t, r => r.OccurredAt), Column(t, r => r.Type), Column(t, r => r.NodeId), Column(t, r => r.TaskId),
                Column(t, r => r.Actor), Column(t, r => r.DataJson));
        }

        if (rows.Outbox.Count > 0)
        {
            var m = rows.Outbox;
            yield return Command(
                """
                INSERT INTO outbox_messages (id, instance_id, node_id, type, recipient, template, idempotency_key, created_at, sent_at,
                    attempts, last_error, claimed_by, status, next_attempt_at, data_json)
                SELECT * FROM unnest($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
                """,
                Column(m, r => r.Id), Column(m, r => r.InstanceId), Column(m, r => r.NodeId), Column(m, r => r.Type), Column(m, r => r.To),
                Column(m, r => r.Template), Column(m, r => r.IdempotencyKey), Column(m, r => r.CreatedAt), Column(m, r => r.SentAt),
                Column(m, r => r.Attempts), Column(m, r => r.LastError), Column(m, r => r.ClaimedBy), Column(m, r => r.Status.ToString()),
                Column(m, r => r.NextAttemptAt), Column(m, r => r.DataJson));
        }
    }

    private static NpgsqlParameter Column<TRow, T>(List<TRow> rows, Func<TRow, T> value)
    {
        var column = new T[rows.Count];
        for (var i = 0; i < column.Length; i++)
        {
            column[i] = value(rows[i]);
        }

        return P(column);
    }

    // Typed by T, not by the value: a null is then sent with its column's type, so a statement keeps one set of
    // parameter types and stays prepared (an untyped null made Npgsql prepare it again whenever a value came and went).
    private static NpgsqlParameter<T> P<T>(T value) => new() { TypedValue = value };

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }
}
