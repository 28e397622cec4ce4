using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Reports;

/// <summary>
/// <c>GET /api/reports/agencies</c>: per agency, open, overdue and escalated steps and the median hours to complete a
/// step — the control tower's view of a district (district hub, system admin) or of the caller's own agency; with
/// <c>owned=true</c>, a public case owner's view: every agency holding an open step of the referrals the caller's agency
/// owns, counted over those referrals only. Counts are over open steps only; the median is over each agency's latest
/// <see cref="MedianSample"/> steps completed in the last 90 days, so the report reads a bounded slice of the history.
/// </summary>
public sealed class OverdueByAgency(
    CurrentUser user, ReferralAccess access, ReferralFlowDbContext db, WorkflowReadModel workflow, WorkflowDbContext engine, DatabaseOptions database, TimeProvider time)
{
    /// <summary>The most recent completed steps per agency the median is taken over.</summary>
    public const int MedianSample = 500;

    public sealed record Row(string AgencyId, string AgencyName, int Open, int Overdue, int Escalated, double? MedianHoursToComplete);

    /// <summary>The rows by agency name (and id), <see cref="Paging">paged</see>.</summary>
    public async Task<Page<Row>> HandleAsync(string? district, bool? owned, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit);
        var after = Paging.Read(cursor, 2);
        var rows = await RowsAsync(district, owned, cancellationToken);
        return Paging.Slice(rows, size, after is null ? null : r => IsAfter(r, after.Text(0), after.Text(1)), r => Paging.Cursor(r.AgencyName, r.AgencyId));

        static bool IsAfter(Row row, string name, string id) =>
            string.CompareOrdinal(row.AgencyName, name) is var byName && (byName > 0 || (byName == 0 && string.CompareOrdinal(row.AgencyId, id) > 0));
    }

    /// <summary>Every row (the control tower shows them all).</summary>
    public async Task<IReadOnlyList<Row>> RowsAsync(string? district, bool? owned, CancellationToken cancellationToken)
    {
        var rows = new List<Row>();
        await foreach (var row in StreamAsync(district, owned, cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>
    /// The rows one agency at a time, each as soon as its median is read (the CSV export writes them as they come).
    /// The district is checked before the first row.
    /// </summary>
    public async IAsyncEnumerable<Row> StreamAsync(string? district, bool? owned, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        district = access.ReportDistrict(district);

        var tasks = workflow.Tasks;
        var agencies = db.Agencies.AsNoTracking().Where(a => a.District == district);
        if (owned == true)
        {
            // The owned referrals' steps: an EXISTS per task, never a list of every owned instance.
            tasks = engine.Tasks.FromSqlRaw(
                "SELECT t.* FROM work_tasks AS t WHERE EXISTS (SELECT 1 FROM referrals AS r WHERE r.instance_id = t.instance_id AND r.public_owner_agency_id = {0})",
                user.AgencyId).AsNoTracking();
        }
        else if (!user.IsSystemAdmin && !user.IsDistrictHub)
        {
            var mine = user.AgencyId;
            agencies = agencies.Where(a => a.Id == mine);
        }

        var now = time.GetUtcNow();
        var openSteps = tasks.Where(t => t.Status == WorkTaskStatus.Open && t.AgencyId != null);
        var listed = owned == true ? null : await agencies.ToListAsync(cancellationToken);
        if (listed is not null)
        {
            var ids = listed.Select(a => a.Id).ToList();
            openSteps = openSteps.Where(t => ids.Contains(t.AgencyId!));
        }

        Task<Dictionary<string, OpenCounts>> CountAsync() => openSteps
            .GroupBy(t => t.AgencyId!)
            .Select(g => new OpenCounts(g.Key, g.Count(), g.Count(t => t.DueAt < now), g.Count(t => t.EscalationLevel > 0)))
            .ToDictionaryAsync(c => c.AgencyId, StringComparer.Ordinal, cancellationToken);
        var open = owned == true ? await SerialAsync(CountAsync, cancellationToken) : await CountAsync();

        // The owner's tower lists the agencies holding an open step of the owned referrals: the counts above found them
        // over the open work (index-only), so no walk of every step the owned referrals ever had; an agency that only
        // completed steps of them is not listed (the page says so).
        if (listed is null)
        {
            var holding = open.Keys.ToList();
            listed = await db.Agencies.AsNoTracking().Where(a => holding.Contains(a.Id)).ToListAsync(cancellationToken);
        }

        var list = listed.OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        var since = now.AddDays(-90);
        foreach (var a in list)
        {
            var agencyId = a.Id;
            var completed = await tasks
                .Where(t => t.AgencyId == agencyId && t.Status == WorkTaskStatus.Completed && t.CompletedAt >= since)
                .OrderByDescending(t => t.CompletedAt).Take(MedianSample)
                .Select(t => new { t.CreatedAt, t.CompletedAt })
                .ToListAsync(cancellationToken);
            var hours = completed.Select(t => (t.CompletedAt!.Value - t.CreatedAt).TotalHours).Order().ToList();
            var counts = open.GetValueOrDefault(agencyId);
            yield return new Row(a.Id, a.Name, counts?.Open ?? 0, counts?.Overdue ?? 0, counts?.Escalated ?? 0, Median(hours));
        }
    }

    private sealed record OpenCounts(string AgencyId, int Open, int Overdue, int Escalated);

    /// <summary>
    /// The owner's counts join every open step to the owned referrals. PostgreSQL plans that as a parallel hash join,
    /// which on a small server (2 vCPUs) takes several times the serial plan (229 ms against 37 ms at 100,000 open
    /// steps, docs/benchmarks.md): this one query runs without parallel workers, in a transaction of its own.
    /// </summary>
    private async Task<T> SerialAsync<T>(Func<Task<T>> query, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.PostgreSql || engine.Database.CurrentTransaction is not null)
        {
            return await query();
        }

        await using var transaction = await engine.Database.BeginTransactionAsync(cancellationToken);
        await engine.Database.ExecuteSqlRawAsync("SET LOCAL max_parallel_workers_per_gather = 0", cancellationToken);
        var result = await query();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static double? Median(List<double> sorted) =>
        sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
