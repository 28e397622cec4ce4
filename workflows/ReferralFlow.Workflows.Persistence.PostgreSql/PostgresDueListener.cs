using System.Globalization;
using Npgsql;

namespace ReferralFlow.Workflows.Persistence.PostgreSql;

/// <summary>
/// Hears the <c>workflow_due</c> notifications every process's commits send (the engine's triggers, migration
/// <c>TimerWakeups</c>) and raises <see cref="WorkflowDueSignal"/> with each row's due instant. One dedicated connection
/// that runs no statements while it waits. After a lost connection it reconnects and raises
/// <see cref="DateTimeOffset.MinValue"/>, so the scheduler looks again for what it may have missed meanwhile. The same
/// connection holds the process's <see cref="ClaimHolder"/> lock: it ends with the session, when the process dies.
/// </summary>
public static class PostgresDueListener
{
    /// <summary>The notification channel.</summary>
    public const string Channel = "workflow_due";

    /// <summary>Listens until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="connectionString">The database's connection string.</param>
    /// <param name="signal">Raised for every notification.</param>
    /// <param name="holder">When given, the connection also holds this process's claim lock (<see cref="ClaimHolder"/>) for its life.</param>
    /// <param name="onError">Told about a lost connection before the next attempt.</param>
    /// <param name="cancellationToken">Stops listening.</param>
    public static async Task ListenAsync(
        string connectionString, WorkflowDueSignal signal, ClaimHolder? holder, Action<Exception>? onError, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signal);
        // A pooled connection would go back to the pool still listening; TCP keepalive notices a dead server without queries.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, TcpKeepAlive = true, KeepAlive = 0 };
        var retry = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                connection.Notification += (_, e) => signal.Raise(Parse(e.Payload));
                await connection.OpenAsync(cancellationToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                if (holder is not null)
                {
                    await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
                    take.Parameters.AddWithValue("key", holder.Key);
                    await take.ExecuteNonQueryAsync(cancellationToken);
                    holder.SetHeld(true);
                }

                signal.Raise(DateTimeOffset.MinValue);
                retry = TimeSpan.FromSeconds(1);
                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                holder?.SetHeld(false);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException)
            {
                // Claims made from now on name no holder until the lock is taken again; earlier ones may be taken by others.
                holder?.SetHeld(false);
                onError?.Invoke(ex);
                await Task.Delay(retry, cancellationToken).ConfigureAwait(false);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    private static DateTimeOffset Parse(string payload) =>
        long.TryParse(payload, NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros)
            ? DateTimeOffset.UnixEpoch.AddTicks(micros * 10)
            : DateTimeOffset.MinValue;
}
