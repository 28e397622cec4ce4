using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>
/// <c>GET /api/referrals</c>: the referrals the caller may see, newest first, filtered by <c>status</c>, <c>open</c>,
/// <c>dong</c>, <c>number</c> (part of the referral number) and <c>mine</c> (those the caller's agency takes part in), paged (<c>pageSize</c> at most 100). Of the
/// household only the name is listed, and only where the consent covers the caller. Audit-logged once per page.
/// </summary>
internal static class ListReferrals
{
    public const int MaxPageSize = 100;

    public sealed record Query(string? Status, bool? Open, string? Dong, bool? Mine, int? Page, int? PageSize, string? Number = null);

    public sealed record Item(
        Guid Id, string Number, ReferralStatus Status, string WorkflowKey, int WorkflowVersion, string? Dong, string? HouseholdName,
        string ReferringAgencyId, string PublicOwnerAgencyId, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, int Version);

    public sealed record Response(IReadOnlyList<Item> Items, int Page, int PageSize, int Total);

    public static async Task<IResult> HandleAsync(
        [AsParameters] Query query, ReferralAccess access, CurrentUser user, AuditLog audit, CancellationToken cancellationToken) =>
        Results.Ok(await QueryAsync(query, access, user, audit, cancellationToken));

    /// <summary>The page of referrals (for the API and the referral list page).</summary>
    public static async Task<Response> QueryAsync(Query query, ReferralAccess access, CurrentUser user, AuditLog audit, CancellationToken cancellationToken)
    {
        var page = query.Page ?? 1;
        var pageSize = query.PageSize ?? 20;
        if (page < 1)
        {
            throw ApiException.Invalid("page", "Pages start at 1.");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            throw ApiException.Invalid("pageSize", $"The page size is 1 to {MaxPageSize}.");
        }

        var referrals = access.Visible();
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var status = Enum.TryParse<ReferralStatus>(query.Status.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var s)
                && !int.TryParse(query.Status, out _)
                ? s
                : throw ApiException.Invalid("status", $"Unknown status '{query.Status}'.");
            referrals = referrals.Where(r => r.Status == status);
        }

        if (query.Open is { } open)
        {
            referrals = open ? referrals.Where(r => r.ClosedAt == null) : referrals.Where(r => r.ClosedAt != null);
        }

        if (!string.IsNullOrWhiteSpace(query.Dong))
        {
            var dong = query.Dong.Trim();
            referrals = referrals.Where(r => r.Dong == dong);
        }

        if (!string.IsNullOrWhiteSpace(query.Number))
        {
            var number = query.Number.Trim();
            referrals = referrals.Where(r => r.Number.Contains(number));
        }

        if (query.Mine == true)
        {
            var agency = user.AgencyId;
            referrals = referrals.Where(r => r.ReferringAgencyId == agency || r.PublicOwnerAgencyId == agency || r.Participants.Any(p => p.AgencyId == agency));
        }

        var total = await referrals.CountAsync(cancellationToken);
        var rows = await referrals.AsNoTracking().Include(r => r.Consents)
            .OrderByDescending(r => r.OpenedAt).ThenByDescending(r => r.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new Item(
            r.Id, r.Number, r.Status, r.WorkflowKey, r.WorkflowVersion, r.Dong, access.CanSeePersonalData(r) ? r.Household.Name : null,
            r.ReferringAgencyId, r.PublicOwnerAgencyId, r.OpenedAt, r.ClosedAt, r.Revision)).ToList();
        await audit.RecordNowAsync(AuditActions.ReferralListed, null, $"page {page}, {items.Count} of {total}", cancellationToken);
        return new Response(items, page, pageSize, total);
    }
}
