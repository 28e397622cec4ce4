using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Collaboration;

/// <summary><c>GET /api/joint-responses?year=</c>: the joint responses of the caller's district, newest first, <see cref="Paging">paged</see> by (date, id).</summary>
public sealed class ListJointResponses(CurrentUser user, ReferralFlowDbContext db)
{
    public async Task<Page<JointResponseView>> HandleAsync(int? year, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var size = Paging.Limit(limit);
        var after = Paging.Read(cursor, 2);
        var query = db.JointResponses.AsNoTracking().Where(j => j.District == user.District);
        if (year is { } y)
        {
            if (y is < CollaborationReport.FirstYear or > CollaborationReport.LastYear)
            {
                throw ApiException.Invalid("year", ProblemCode.YearOutOfRange, CollaborationReport.FirstYear, CollaborationReport.LastYear);
            }

            var first = new DateOnly(y, 1, 1);
            var next = first.AddYears(1);
            query = query.Where(j => j.Date >= first && j.Date < next);
        }

        var total = await query.CountAsync(cancellationToken);
        if (after is not null)
        {
            var (date, id) = (after.Date(0), after.Guid(1));
            query = query.Where(j => j.Date < date || (j.Date == date && j.Id < id));
        }

        var rows = await query.OrderByDescending(j => j.Date).ThenByDescending(j => j.Id).Take(size + 1).ToListAsync(cancellationToken);
        return Paging.Of([.. rows.Select(JointResponseView.From)], size,
            j => Paging.Cursor(Paging.Text(j.Date), Paging.Text(j.Id)), total);
    }
}
