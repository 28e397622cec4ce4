using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Calendar;

namespace ReferralFlow.Host.Features.Collaboration;

/// <summary>
/// Referrals opened per district and Korean year, read from <c>referral_year_counts</c>: database triggers keep it in the
/// transaction that opens, transfers or deletes a referral (migration <c>ReferralYearCounts</c>, both providers), so the
/// collaboration report never reads every referral of the district and its figures are never stale. The triggers count
/// in UTC+9; with another calendar offset the referrals themselves are counted (correct, but a scan of the district).
/// </summary>
public sealed class ReferralYearCounts(ReferralFlowDbContext db, KoreaTime korea)
{
    /// <summary>The offset the triggers count years in.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(9);

    private bool Maintained => korea.Offset == Offset;

    /// <summary>Referrals the system holds per year from <paramref name="first"/> to <paramref name="last"/> (years without any are absent).</summary>
    public async Task<Dictionary<int, int>> PerYearAsync(string district, int first, int last, CancellationToken cancellationToken)
    {
        if (Maintained)
        {
            return await db.Database.SqlQuery<Count>(
                    $"SELECT year AS \"Year\", referrals AS \"Referrals\" FROM referral_year_counts WHERE district = {district} AND year >= {first} AND year <= {last}")
                .ToDictionaryAsync(c => c.Year, c => c.Referrals, cancellationToken);
        }

        var (start, end) = (korea.StartOfYear(first), korea.StartOfYear(last + 1));
        var opened = await db.Referrals.AsNoTracking()
            .Where(r => r.District == district && r.OpenedAt >= start && r.OpenedAt < end)
            .Select(r => r.OpenedAt).ToListAsync(cancellationToken);
        return opened.GroupBy(korea.Year).ToDictionary(g => g.Key, g => g.Count());
    }

    /// <summary>The year of the district's first referral, if it has any.</summary>
    public async Task<int?> FirstYearAsync(string district, CancellationToken cancellationToken)
    {
        if (Maintained)
        {
            return await db.Database.SqlQuery<int?>(
                    $"SELECT min(year) AS \"Value\" FROM referral_year_counts WHERE district = {district} AND referrals > 0")
                .SingleAsync(cancellationToken);
        }

        var first = await db.Referrals.Where(r => r.District == district).OrderBy(r => r.OpenedAt).Select(r => (DateTimeOffset?)r.OpenedAt).FirstOrDefaultAsync(cancellationToken);
        return first is { } openedAt ? korea.Year(openedAt) : null;
    }

    private sealed class Count
    {
        public int Year { get; init; }

        public int Referrals { get; init; }
    }
}
