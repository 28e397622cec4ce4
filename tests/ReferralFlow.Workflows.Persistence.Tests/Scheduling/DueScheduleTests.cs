using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReferralFlow.Workflows.Persistence.PostgreSql;
using ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

namespace ReferralFlow.Workflows.Persistence.Tests.Scheduling;

public abstract class DueScheduleTests<TFixture>(TFixture fixture) : StoreTest<TFixture>(fixture)
    where TFixture : IDatabaseFixture
{
    [Fact]
    public async Task Next_due_is_the_earliest_pending_instant_of_each_kind()
    {
        await using var db = NewContext();
        Assert.Equal(new NextDue(null, null, null), await new DueSchedule(db).NextAsync(Ct));

        await PublishAsync("timers", TestBpmn.ParallelWithTimers());
        await NewRuntime().StartAsync(District, "timers", null, null, Ct);

        Assert.Equal(new NextDue(T0.AddHours(1), null, null), await new DueSchedule(db).NextAsync(Ct));
    }

    [Fact]
    public async Task A_commit_that_writes_a_pending_timer_raises_the_in_process_signal_with_its_due_time()
    {
        await PublishAsync("timers", TestBpmn.ParallelWithTimers());
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton(Cache)
            .AddWorkflowPersistence(UseDatabase)
            .BuildServiceProvider();
        await using (services)
        {
            var signal = services.GetRequiredService<WorkflowDueSignal>();
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
            await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
            {
                await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().StartAsync(District, "timers", null, null, Ct);
                // Saved but not committed: a scheduler woken now would not see the rows.
                Assert.Null(signal.Take());
                await transaction.CommitAsync(Ct);
            }

            Assert.Equal(T0.AddHours(1), signal.Take());
        }
    }
}

public sealed class PostgresDueScheduleTests(PostgresFixture fixture) : DueScheduleTests<PostgresFixture>(fixture)
{
    [Fact]
    public async Task A_commit_that_writes_a_pending_timer_notifies_other_processes_with_its_due_time()
    {
        await using var db = NewContext();
        await using var listener = new NpgsqlConnection(db.Database.GetConnectionString());
        var expected = ((T0.AddHours(1) - DateTimeOffset.UnixEpoch).Ticks / 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.Notification += (_, e) =>
        {
            if (e.Payload == expected)
            {
                heard.TrySetResult();
            }
        };
        await listener.OpenAsync(Ct);
        await using (var listen = new NpgsqlCommand($"LISTEN {PostgresDueListener.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync(Ct);
        }

        await PublishAsync("timers", TestBpmn.ParallelWithTimers());
        await NewRuntime().StartAsync(District, "timers", null, null, Ct);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!heard.Task.IsCompleted && DateTime.UtcNow < deadline)
        {
            await listener.WaitAsync(TimeSpan.FromSeconds(1), Ct);
        }

        Assert.True(heard.Task.IsCompleted, "no notification for the timer due in an hour");
    }
}

public sealed class SqliteDueScheduleTests(SqliteFixture fixture) : DueScheduleTests<SqliteFixture>(fixture);
