using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Collaboration;

/// <summary><c>GET /api/joint-responses?year=</c>: the joint responses of the caller's district, newest first (at most 1000).</summary>
internal static class ListJointResponses
{
    public const int Limit = 1000;

    public static async Task<List<JointResponseView>> HandleAsync(
        int? year, CurrentUser user, ReferralFlowDbContext db, CancellationToken cancellationToken)
    {
        var query = db.JointResponses.AsNoTracking().Where(j => j.District == user.District);
        if (year is { } y)
        {
            if (y is < CollaborationReport.FirstYear or > CollaborationReport.LastYear)
            {
                throw ApiException.Invalid("year", $"The year is {CollaborationReport.FirstYear} to {CollaborationReport.LastYear}.");
            }

            var first = new DateOnly(y, 1, 1);
            var next = first.AddYears(1);
            query = query.Where(j => j.Date >= first && j.Date < next);
        }

        var rows = await query.OrderByDescending(j => j.Date).ThenByDescending(j => j.Id).Take(Limit).ToListAsync(cancellationToken);
        return [.. rows.Select(JointResponseView.From)];
    }
}
