using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Reports;

/// <summary>
/// <c>GET /api/reports/agencies</c>: per agency, open, overdue and escalated steps and the median hours to complete a
/// step — the control tower's view of a district (district hub, system admin) or of the caller's own agency; with
/// <c>owned=true</c>, a public case owner's view: every agency holding steps of the referrals the caller's agency owns,
/// counted over those referrals only.
/// </summary>
public sealed class OverdueByAgency(CurrentUser user, ReferralAccess access, ReferralFlowDbContext db, WorkflowReadModel workflow, TimeProvider time)
{
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
        district = access.ReportDistrict(district);

        var tasks = workflow.Tasks;
        var agencies = db.Agencies.AsNoTracking().Where(a => a.District == district);
        if (owned == true)
        {
            var instanceIds = await access.Owned().Select(r => r.InstanceId).ToListAsync(cancellationToken);
            tasks = tasks.Where(t => instanceIds.Contains(t.InstanceId));
            var holding = await tasks.Where(t => t.AgencyId != null).Select(t => t.AgencyId!).Distinct().ToListAsync(cancellationToken);
            agencies = db.Agencies.AsNoTracking().Where(a => holding.Contains(a.Id));
        }
        else if (!user.IsSystemAdmin && !user.IsDistrictHub)
        {
            var mine = user.AgencyId;
            agencies = agencies.Where(a => a.Id == mine);
        }

        var list = (await agencies.ToListAsync(cancellationToken)).OrderBy(a => a.Name, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
        var ids = list.Select(a => a.Id).ToList();
        var now = time.GetUtcNow();
        var open = await tasks
            .Where(t => t.Status == WorkTaskStatus.Open && t.AgencyId != null && ids.Contains(t.AgencyId))
            .Select(t => new { t.AgencyId, t.DueAt, t.EscalationLevel })
            .ToListAsync(cancellationToken);
        var since = now.AddDays(-90);
        var completed = await tasks
            .Where(t => t.Status == WorkTaskStatus.Completed && t.AgencyId != null && ids.Contains(t.AgencyId) && t.CompletedAt >= since)
            .Select(t => new { t.AgencyId, t.CreatedAt, t.CompletedAt })
            .ToListAsync(cancellationToken);
        return [.. list.Select(a =>
        {
            var mine = open.Where(t => t.AgencyId == a.Id).ToList();
            var hours = completed.Where(t => t.AgencyId == a.Id).Select(t => (t.CompletedAt!.Value - t.CreatedAt).TotalHours).Order().ToList();
            return new Row(a.Id, a.Name, mine.Count, mine.Count(t => t.DueAt < now), mine.Count(t => t.EscalationLevel > 0), Median(hours));
        })];
    }

    private static double? Median(List<double> sorted) =>
        sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
