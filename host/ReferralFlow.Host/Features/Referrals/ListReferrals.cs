using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>
/// <c>GET /api/referrals</c>: the referrals the caller may see, newest first, filtered by <c>status</c>, <c>open</c>,
/// <c>dong</c>, <c>number</c> (part of the referral number) and <c>mine</c> (those the caller's agency takes part in),
/// <see cref="Paging">paged</see> by (opened, id). Of the household only the name is listed, and only where the consent
/// covers the caller. Audit-logged once per page.
/// </summary>
public sealed class ListReferrals(ReferralAccess access, AuditLog audit)
{
    public sealed record Query(
        string? Status = null, bool? Open = null, string? Dong = null, bool? Mine = null, string? Number = null, int? Limit = null, string? Cursor = null);

    public sealed record Item(
        Guid Id, string Number, ReferralStatus Status, string WorkflowKey, int WorkflowVersion, string? Dong, string? HouseholdName,
        string ReferringAgencyId, string PublicOwnerAgencyId, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt, int Version);

    public Task<Page<Item>> HandleAsync(Query query, CancellationToken cancellationToken) =>
        QueryAsync(query, Paging.Limit(query.Limit), Paging.Read(query.Cursor, 2), 0, cancellationToken);

    /// <summary>The referrals after the cursor (the API) or from an offset (the referral list page's numbered pages).</summary>
    public async Task<Page<Item>> QueryAsync(Query query, int limit, CursorKey? after, int offset, CancellationToken cancellationToken)
    {
        var referrals = query.Mine == true ? await access.ParticipatingAsync(cancellationToken) : await access.VisibleAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var status = Enum.TryParse<ReferralStatus>(query.Status.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var s)
                && !int.TryParse(query.Status, out _)
                ? s
                : throw ApiException.Invalid("status", ProblemCode.ValueNotAllowed, string.Join(", ", Enum.GetNames<ReferralStatus>().Select(n => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(n))));
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

        var (total, capped) = await Paging.CountAsync(referrals, cancellationToken);
        if (after is not null)
        {
            var (opened, id) = (after.Time(0), after.Guid(1));
            referrals = referrals.Where(r => r.OpenedAt < opened || (r.OpenedAt == opened && r.Id < id));
        }

        var rows = await referrals.AsNoTracking().Include(r => r.Consents)
            .OrderByDescending(r => r.OpenedAt).ThenByDescending(r => r.Id)
            .Skip(offset).Take(limit + 1)
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new Item(
            r.Id, r.Number, r.Status, r.WorkflowKey, r.WorkflowVersion, r.Dong, access.SeesIdentity(r) ? r.Household.Name : null,
            r.ReferringAgencyId, r.PublicOwnerAgencyId, r.OpenedAt, r.ClosedAt, r.Revision)).ToList();
        var page = Paging.Of(items, limit, i => Paging.Cursor(Paging.Text(i.OpenedAt), Paging.Text(i.Id)), total) with { TotalCapped = capped };
        await audit.RecordNowAsync(AuditActions.ReferralListed, null, $"{page.Items.Count} of {(capped ? "more than " : "")}{total}", cancellationToken);
        return page;
    }
}
