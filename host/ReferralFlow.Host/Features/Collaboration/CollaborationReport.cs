using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Calendar;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Collaboration;

/// <summary>
/// <c>GET /api/reports/collaboration?from=2016&amp;to=2026</c>: per Korean calendar year of the caller's district, the
/// referrals opened (the referrals the system holds by <c>OpenedAt</c> in Korea, from the maintained
/// <see cref="ReferralYearCounts"/>, plus the imported history of years before the system was used, shown apart) and the joint responses in total and per kind with count, hours and people.
/// Aggregates only, no personal data: every signed-in worker of the district may read it.
/// </summary>
public sealed class CollaborationReport(ReferralAccess access, ReferralFlowDbContext db, ReferralYearCounts counts, TimeProvider time, KoreaTime korea)
{
    public const int FirstYear = 2000;

    public const int LastYear = 2100;

    public const int MaxYears = 50;

    public sealed record Totals(int Count, decimal Hours, int People);

    public sealed record KindTotals(JointResponseKind Kind, int Count, decimal Hours, int People);

    /// <summary>
    /// One year. <see cref="Referrals"/> = <see cref="ReferralsRecorded"/> (referrals the system holds) +
    /// <see cref="ReferralsImported"/> (history entered from earlier reports; null when there is none).
    /// </summary>
    public sealed record Year(int Value, int Referrals, int ReferralsRecorded, int? ReferralsImported, Totals JointResponses, IReadOnlyList<KindTotals> ByKind);

    public sealed record Report(string District, int From, int To, IReadOnlyList<Year> Years, Totals JointResponses);

    /// <summary>The report of the caller's district.</summary>
    public async Task<Report> HandleAsync(int? from, int? to, CancellationToken cancellationToken)
    {
        var district = access.ReportDistrict(null);
        var thisYear = korea.Year(time.GetUtcNow());
        var last = to ?? thisYear;
        var first = from ?? await EarliestYearAsync(district, cancellationToken) ?? last;
        var errors = new ProblemErrors();
        if (from is < FirstYear or > LastYear)
        {
            errors.Add("from", ProblemCode.NumberOutOfRange, FirstYear, LastYear);
        }

        if (to is < FirstYear or > LastYear)
        {
            errors.Add("to", ProblemCode.NumberOutOfRange, FirstYear, LastYear);
        }

        if (!errors.Any && first > last)
        {
            errors.Add(from is null ? "to" : "from", ProblemCode.RangeReversed);
        }

        if (!errors.Any && last - first >= MaxYears)
        {
            errors.Add("from", ProblemCode.RangeTooLong, MaxYears);
        }

        errors.ThrowIfAny();

        var recorded = await counts.PerYearAsync(district, first, last, cancellationToken);
        var imported = await db.ImportedReferralCounts.AsNoTracking()
            .Where(c => c.District == district && c.Year >= first && c.Year <= last)
            .ToDictionaryAsync(c => c.Year, c => c.Referrals, cancellationToken);
        var firstDay = new DateOnly(first, 1, 1);
        var endDay = new DateOnly(last + 1, 1, 1);
        // Summed here, not in SQL: SQLite stores decimals as text and cannot sum them.
        var responses = await db.JointResponses.AsNoTracking()
            .Where(j => j.District == district && j.Date >= firstDay && j.Date < endDay)
            .Select(j => new { j.Date, j.Kind, j.Hours, j.People })
            .ToListAsync(cancellationToken);

        var years = new List<Year>();
        for (var y = first; y <= last; y++)
        {
            var ofYear = responses.Where(r => r.Date.Year == y).ToList();
            var byKind = Enum.GetValues<JointResponseKind>()
                .Select(k => ofYear.Where(r => r.Kind == k).ToList())
                .Select((rows, i) => new KindTotals((JointResponseKind)i, rows.Count, rows.Sum(r => r.Hours), rows.Sum(r => r.People)))
                .ToList();
            var rec = recorded.GetValueOrDefault(y);
            int? imp = imported.TryGetValue(y, out var n) ? n : null;
            years.Add(new Year(y, rec + (imp ?? 0), rec, imp, new Totals(ofYear.Count, ofYear.Sum(r => r.Hours), ofYear.Sum(r => r.People)), byKind));
        }

        return new Report(district, first, last, years,
            new Totals(years.Sum(y => y.JointResponses.Count), years.Sum(y => y.JointResponses.Hours), years.Sum(y => y.JointResponses.People)));
    }

    private async Task<int?> EarliestYearAsync(string district, CancellationToken cancellationToken)
    {
        var response = await db.JointResponses.Where(j => j.District == district).OrderBy(j => j.Date).Select(j => (DateOnly?)j.Date).FirstOrDefaultAsync(cancellationToken);
        var imported = await db.ImportedReferralCounts.Where(c => c.District == district).OrderBy(c => c.Year).Select(c => (int?)c.Year).FirstOrDefaultAsync(cancellationToken);
        var referral = await counts.FirstYearAsync(district, cancellationToken);
        int?[] years = [response?.Year, imported, referral];
        return years.Where(y => y is not null).Min();
    }
}
