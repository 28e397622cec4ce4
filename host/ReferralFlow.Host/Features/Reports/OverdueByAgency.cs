using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Reports;

/// <summary>
/// <c>GET /api/reports/agencies</c>: per agency, open, overdue and escalated steps and the median hours to complete a
/// step — the control tower's view of a district (district hub, system admin) or of the caller's own agency.
/// </summary>
internal static class OverdueByAgency
{
    public sealed record Row(string AgencyId, string AgencyName, int Open, int Overdue, int Escalated, double? MedianHoursToComplete);

    public static async Task<IReadOnlyList<Row>> HandleAsync(
        string? district, CurrentUser user, ReferralFlowDbContext db, WorkflowDbContext workflow, TimeProvider time, CancellationToken cancellationToken)
    {
        district ??= user.District;
        if (!user.IsSystemAdmin && district != user.District)
        {
            throw ApiException.Forbidden("You may see reports of your own district only.");
        }

        var agencies = await db.Agencies.AsNoTracking()
            .Where(a => a.District == district && (user.IsSystemAdmin || user.IsDistrictHub || a.Id == user.AgencyId))
            .OrderBy(a => a.Name).ToListAsync(cancellationToken);
        var ids = agencies.Select(a => a.Id).ToList();
        var now = time.GetUtcNow();
        var open = await workflow.Tasks.AsNoTracking()
            .Where(t => t.Status == WorkTaskStatus.Open && t.AgencyId != null && ids.Contains(t.AgencyId))
            .Select(t => new { t.AgencyId, t.DueAt, t.EscalationLevel })
            .ToListAsync(cancellationToken);
        var since = now.AddDays(-90);
        var completed = await workflow.Tasks.AsNoTracking()
            .Where(t => t.Status == WorkTaskStatus.Completed && t.AgencyId != null && ids.Contains(t.AgencyId) && t.CompletedAt >= since)
            .Select(t => new { t.AgencyId, t.CreatedAt, t.CompletedAt })
            .ToListAsync(cancellationToken);
        return [.. agencies.Select(a =>
        {
            var mine = open.Where(t => t.AgencyId == a.Id).ToList();
            var hours = completed.Where(t => t.AgencyId == a.Id).Select(t => (t.CompletedAt!.Value - t.CreatedAt).TotalHours).Order().ToList();
            return new Row(a.Id, a.Name, mine.Count, mine.Count(t => t.DueAt < now), mine.Count(t => t.EscalationLevel > 0), Median(hours));
        })];
    }

    private static double? Median(List<double> sorted) =>
        sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}
