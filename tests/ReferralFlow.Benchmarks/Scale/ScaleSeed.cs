using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NpgsqlTypes;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Demo;

namespace ReferralFlow.Benchmarks.Scale;

/// <summary>
/// Builds the issue-13 dataset through the real schema by binary COPY (PostgreSQL) or prepared inserts in one
/// transaction (SQLite), never through the API: R open referrals of the demo district, one open
/// step each over its 10 agencies (the step's agency is the owner dong's centre for half of them), R×N completed steps
/// before them, participants, a basic consent for each agency that is not on the owner side, and two timeline events per
/// instance. Dong centres own and refer the referrals of their dong, so a dong worker sees R/5 referrals.
/// </summary>
internal static class ScaleSeed
{
    public static readonly string[] DongAgencies = ["nangok-dong", "nanhyang-dong", "miseong-dong", "sinsa-dong", "jowon-dong"];
    public static readonly string[] Dongs = ["난곡동", "난향동", "미성동", "신사동", "조원동"];
    private static readonly string[] OtherAgencies = ["sillim-welfare", "gwanak-health", "gwanak-cleaning", "gwanak-hub", "nanum-joy"];

    /// <summary>Seeds a PostgreSQL database by binary COPY.</summary>
    public static async Task RunAsync(IServiceProvider services, string connectionString, ScaleOptions options)
    {
        await using var sink = await ScaleSink.OpenPostgresAsync(connectionString);
        await RunAsync(services, sink, options);
    }

    public static async Task RunAsync(IServiceProvider services, ScaleSink connection, ScaleOptions options)
    {
        var clock = Stopwatch.StartNew();
        var template = await ScaleTemplate.BuildAsync(services, options.StepsBefore);
        var workers = await WorkersAsync(services);
        var now = DateTime.UtcNow;
        var r = options.Referrals;
        var span = TimeSpan.FromDays(730);

        DateTime Opened(int i) => now - span + TimeSpan.FromTicks(span.Ticks / r * i);
        string Agency(int i) => i % 10 < 5 ? DongAgencies[i % 5] : OtherAgencies[(i % 10) - 5];
        Guid Instance(int i) => Id(Opened(i), i, 1);

        await connection.WriteAsync("workflow_instances",
            [("id", NpgsqlDbType.Uuid), ("version_id", NpgsqlDbType.Uuid), ("business_key", NpgsqlDbType.Text), ("status", NpgsqlDbType.Text),
             ("state_json", NpgsqlDbType.Text), ("revision", NpgsqlDbType.Integer), ("created_at", NpgsqlDbType.TimestampTz),
             ("updated_at", NpgsqlDbType.TimestampTz), ("role_agencies_json", NpgsqlDbType.Text)],
            Enumerable.Range(0, r).Select(i => new object?[]
            {
                Instance(i), template.VersionId, Number(i), "Running", template.StateJson, options.StepsBefore + 1, Opened(i),
                Opened(i), $$"""{"step":"{{Agency(i)}}"}""",
            }));
        Console.WriteLine($"  instances {clock.Elapsed.TotalSeconds:F0} s");

        await connection.WriteAsync("work_tasks",
            [("id", NpgsqlDbType.Uuid), ("instance_id", NpgsqlDbType.Uuid), ("task_id", NpgsqlDbType.Integer), ("node_id", NpgsqlDbType.Text),
             ("name", NpgsqlDbType.Text), ("role_key", NpgsqlDbType.Text), ("agency_id", NpgsqlDbType.Text), ("assignee", NpgsqlDbType.Text),
             ("status", NpgsqlDbType.Text), ("due_at", NpgsqlDbType.TimestampTz), ("escalation_level", NpgsqlDbType.Integer),
             ("created_at", NpgsqlDbType.TimestampTz), ("completed_at", NpgsqlDbType.TimestampTz), ("outcome_json", NpgsqlDbType.Text),
             ("revision", NpgsqlDbType.Integer)],
            Enumerable.Range(0, r).SelectMany(i => Enumerable.Range(0, options.StepsBefore + 1).Select(k =>
            {
                var step = template.Steps[k];
                var created = Min(Opened(i).AddHours(k), now);
                var worker = workers.GetValueOrDefault(Agency(i));
                if (k < options.StepsBefore)
                {
                    return new object?[]
                    {
                        Id(created, i, k + 2), Instance(i), step.TaskId, step.NodeId, step.Name, "step", Agency(i), worker,
                        "Completed", created.AddDays(3), 0, created, created.AddMinutes(50), "{}", 2,
                    };
                }

                // A third of the open steps are past their deadline; a third of those escalated; a quarter claimed.
                var due = now.AddDays((i % 21) - 7);
                return new object?[]
                {
                    Id(created, i, k + 2), Instance(i), step.TaskId, step.NodeId, step.Name, "step", Agency(i),
                    i % 4 == 0 ? worker : null, "Open", due, due < now && i % 3 == 0 ? 1 : 0, created, null, null, 1,
                };
            })));
        Console.WriteLine($"  tasks {clock.Elapsed.TotalSeconds:F0} s");

        await connection.WriteAsync("timeline_events",
            [("instance_id", NpgsqlDbType.Uuid), ("occurred_at", NpgsqlDbType.TimestampTz), ("type", NpgsqlDbType.Text), ("node_id", NpgsqlDbType.Text),
             ("task_id", NpgsqlDbType.Integer), ("data_json", NpgsqlDbType.Text)],
            Enumerable.Range(0, r).SelectMany(i => new[]
            {
                new object?[] { Instance(i), Opened(i), "instance-started", null, null, "{}" },
                [Instance(i), Min(Opened(i).AddHours(options.StepsBefore), now), "task-created", template.Steps[^1].NodeId, template.Steps[^1].TaskId, "{}"],
            }));

        await connection.WriteAsync("referrals",
            [("id", NpgsqlDbType.Uuid), ("number", NpgsqlDbType.Text), ("workflow_key", NpgsqlDbType.Text), ("workflow_version", NpgsqlDbType.Integer),
             ("instance_id", NpgsqlDbType.Uuid), ("status", NpgsqlDbType.Text), ("district", NpgsqlDbType.Text), ("dong", NpgsqlDbType.Text),
             ("referring_agency_id", NpgsqlDbType.Text), ("referring_user_id", NpgsqlDbType.Uuid), ("public_owner_agency_id", NpgsqlDbType.Text),
             ("opened_at", NpgsqlDbType.TimestampTz), ("retain_until", NpgsqlDbType.TimestampTz), ("revision", NpgsqlDbType.Integer),
             ("household_name", NpgsqlDbType.Text), ("household_members", NpgsqlDbType.Integer)],
            Enumerable.Range(0, r).Select(i => new object?[]
            {
                Referral(i), Number(i), ScaleTemplate.WorkflowKey, 1, Instance(i), "InProgress", ScaleTemplate.District, Dongs[i % 5],
                DongAgencies[i % 5], Guid.Parse(workers[DongAgencies[i % 5]]), DongAgencies[i % 5], Opened(i), Opened(i).AddYears(5), 1,
                $"가구 {i:D6}", 1 + (i % 4),
            }));

        await connection.WriteAsync("referral_participants",
            [("referral_id", NpgsqlDbType.Uuid), ("role_key", NpgsqlDbType.Text), ("agency_id", NpgsqlDbType.Text)],
            Enumerable.Range(0, r).SelectMany(i => new[]
            {
                new object?[] { Referral(i), "dong", DongAgencies[i % 5] },
                [Referral(i), "step", Agency(i)],
            }));

        await connection.WriteAsync("referral_consent_grants",
            [("id", NpgsqlDbType.Uuid), ("referral_id", NpgsqlDbType.Uuid), ("agency_id", NpgsqlDbType.Text), ("category", NpgsqlDbType.Text),
             ("consented_by", NpgsqlDbType.Text), ("consented_at", NpgsqlDbType.TimestampTz), ("method", NpgsqlDbType.Text),
             ("recorded_by", NpgsqlDbType.Uuid), ("recorded_at", NpgsqlDbType.TimestampTz)],
            Enumerable.Range(0, r).Where(i => i % 10 >= 5).Select(i => new object?[]
            {
                Id(Opened(i), i, 99), Referral(i), Agency(i), "basic", "본인", Opened(i), "written",
                Guid.Parse(workers[DongAgencies[i % 5]]), Opened(i),
            }));

        await connection.FinishAsync();

        Console.WriteLine($"seeded {r:N0} open referrals and {options.CompletedTasks:N0} completed steps in {clock.Elapsed.TotalSeconds:F0} s");

        Guid Referral(int i) => Id(Opened(i), i, 0);
    }

    private static string Number(int i) => $"S-{i:D7}";

    private static DateTime Min(DateTime a, DateTime b) => a < b ? a : b;

    // A stable version-7 id: the row's instant, then the row number and a salt per kind of row instead of random bits.
    private static Guid Id(DateTime at, int i, int salt)
    {
        Span<byte> bytes = stackalloc byte[16];
        var ms = (ulong)new DateTimeOffset(at).ToUnixTimeMilliseconds();
        for (var b = 0; b < 6; b++)
        {
            bytes[b] = (byte)(ms >> (8 * (5 - b)));
        }

        bytes[6] = (byte)(0x70 | (salt >> 8 & 0x0F));
        bytes[7] = (byte)salt;
        bytes[8] = 0x80;
        BitConverter.TryWriteBytes(bytes[9..13], i);
        return new Guid(bytes, bigEndian: true);
    }

    // The demo worker of each agency of the district (agency id → user id).
    private static async Task<Dictionary<string, string>> WorkersAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var workers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var agency in DongAgencies.Concat(OtherAgencies))
        {
            var user = await users.FindByEmailAsync(DemoData.Email($"{agency}.worker"));
            if (user is not null)
            {
                workers[agency] = user.Id.ToString();
            }
        }

        return workers;
    }
}
