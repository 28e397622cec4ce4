using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Audit;

/// <summary>
/// <c>GET /api/audit</c>: the audit log, newest first, for system administrators (every district, or one with
/// <c>district</c>) and district administrators (their own district's entries only; naming another district is 403),
/// filtered by referral, user, action prefix
/// (<c>repair.</c>, <c>referral.read</c>) and time range (<c>from</c> inclusive, <c>to</c> exclusive, ISO 8601),
/// <see cref="Paging">paged</see> by (at, id). Entries carry ids and names of staff, agencies and referral numbers, never
/// household data.
/// </summary>
public sealed class QueryAuditLog(ReferralFlowDbContext db, CurrentUser caller)
{
    public sealed record Entry(
        long Id,
        DateTimeOffset At,
        Guid? UserId,
        string? UserName,
        string? AgencyId,
        string? AgencyName,
        string? District,
        string Action,
        Guid? ReferralId,
        string? ReferralNumber,
        string? Detail);

    public async Task<Page<Entry>> HandleAsync(
        Guid? referralId, Guid? userId, string? action, DateTimeOffset? from, DateTimeOffset? to, int? limit, string? cursor, CancellationToken cancellationToken,
        string? district = null)
    {
        var scope = Scope(district);
        var size = Paging.Limit(limit);
        var after = Paging.Read(cursor, 2);
        if (from is not null && to is not null && from >= to)
        {
            throw ApiException.Invalid("to", ProblemCode.RangeReversed);
        }

        var query = db.AuditLog.AsNoTracking();
        if (scope is not null)
        {
            query = query.Where(a => a.District == scope);
        }

        if (referralId is { } referral)
        {
            query = query.Where(a => a.ReferralId == referral);
        }

        if (userId is { } user)
        {
            query = query.Where(a => a.UserId == user);
        }

        if (!string.IsNullOrWhiteSpace(action))
        {
            var prefix = action.Trim();
            query = query.Where(a => a.Action.StartsWith(prefix));
        }

        // Npgsql stores timestamptz and accepts only UTC offsets as parameters.
        if (from is { } start)
        {
            var utc = start.ToUniversalTime();
            query = query.Where(a => a.At >= utc);
        }

        if (to is { } end)
        {
            var utc = end.ToUniversalTime();
            query = query.Where(a => a.At < utc);
        }

        var total = await query.CountAsync(cancellationToken);
        if (after is not null)
        {
            var (at, id) = (after.Time(0), after.Long(1));
            query = query.Where(a => a.At < at || (a.At == at && a.Id < id));
        }

        var rows = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(size + 1).ToListAsync(cancellationToken);
        return Paging.Of(await NameAsync(db, rows, cancellationToken), size, e => Paging.Cursor(Paging.Text(e.At), Paging.Text(e.Id)), total);
    }

    // The district whose entries the caller reads: null (all) for a system administrator who names none.
    private string? Scope(string? requested)
    {
        var wanted = string.IsNullOrWhiteSpace(requested) ? null : requested.Trim();
        if (caller.IsSystemAdmin)
        {
            return wanted;
        }

        if (!caller.IsInRole(Roles.DistrictAdmin) || caller.District.Length == 0)
        {
            throw ApiException.Forbidden(ProblemCode.AuditForbidden);
        }

        return wanted is null || wanted == caller.District ? caller.District : throw ApiException.Forbidden(ProblemCode.AdminOtherDistrict.With(caller.District));
    }

    // One query per kind of name for the page, instead of outer joins over the whole log.
    private static async Task<List<Entry>> NameAsync(ReferralFlowDbContext db, List<AuditEntry> rows, CancellationToken cancellationToken)
    {
        var userIds = rows.Where(r => r.UserId is not null).Select(r => r.UserId!.Value).Distinct().ToList();
        var agencyIds = rows.Where(r => r.AgencyId is not null).Select(r => r.AgencyId!).Distinct().ToList();
        var referralIds = rows.Where(r => r.ReferralId is not null).Select(r => r.ReferralId!.Value).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var referrals = await db.Referrals.AsNoTracking().Where(r => referralIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Number, cancellationToken);
        return rows.Select(r => new Entry(
            r.Id,
            r.At,
            r.UserId,
            r.UserId is { } u ? users.GetValueOrDefault(u) : null,
            r.AgencyId,
            r.AgencyId is { } a ? agencies.GetValueOrDefault(a) : null,
            r.District,
            r.Action,
            r.ReferralId,
            r.ReferralId is { } id ? referrals.GetValueOrDefault(id) : null,
            r.Detail)).ToList();
    }
}
