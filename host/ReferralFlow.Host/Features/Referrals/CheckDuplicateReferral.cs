using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>
/// <c>POST /api/referrals/duplicate-check</c> (the new-referral page asks before submitting; opening asks again): does the
/// caller's district already have an open referral for this household? Matched through <see cref="HouseholdKeys"/> —
/// name and birth date, and the address when both referrals have one. Answers only who holds each such case (the public
/// case owner agency and worker, with contact), never its number or content. A POST so the name stays out of URLs and logs.
/// </summary>
public sealed class CheckDuplicateReferral(CurrentUser user, ReferralFlowDbContext db, HouseholdKeys keys)
{
    public sealed record Request([Required] string? Name, DateOnly? BirthDate, string? Address);

    /// <summary><c>Checked</c> is false without a birth date (nothing to match on).</summary>
    public sealed record Response(bool Checked, bool PossibleDuplicate, IReadOnlyList<DuplicateOwner> Owners);

    /// <summary>Who holds an open referral of the household: the public case owner agency and, once assigned, its worker.</summary>
    public sealed record DuplicateOwner(string AgencyId, string AgencyName, string? AgencyEmail, string? WorkerName, string? WorkerEmail, string? WorkerPhone);

    public async Task<Response> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var errors = new ProblemErrors();
        errors.Text("name", request.Name, 100, ProblemCode.FieldRequired.With(ProblemLabel.HouseholdName));
        errors.Text("address", request.Address, 300);
        errors.ThrowIfAny();
        var (key, addressKey) = keys.Of(request.Name, request.BirthDate, request.Address);
        if (key is null)
        {
            return new Response(false, false, []);
        }

        var owners = await FindAsync(user.District, key, addressKey, cancellationToken);
        return new Response(true, owners.Count > 0, owners);
    }

    /// <summary>The owners of the district's open referrals with this household key (one row per owner agency and worker).</summary>
    public async Task<List<DuplicateOwner>> FindAsync(string district, string key, string? addressKey, CancellationToken cancellationToken)
    {
        var matches = await db.Referrals.AsNoTracking()
            .Where(r => r.District == district && r.ClosedAt == null && r.HouseholdKey == key
                && (addressKey == null || r.HouseholdAddressKey == null || r.HouseholdAddressKey == addressKey))
            .Select(r => new { r.PublicOwnerAgencyId, r.PublicOwnerUserId, r.InstanceId, r.Id, r.Number })
            .ToListAsync(cancellationToken);
        var agencyIds = matches.Select(m => m.PublicOwnerAgencyId).Distinct().ToList();
        var userIds = matches.Select(m => m.PublicOwnerUserId).OfType<Guid>().Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        return [.. matches
            .Select(m => (Agency: agencies.GetValueOrDefault(m.PublicOwnerAgencyId), User: m.PublicOwnerUserId is { } id ? users.GetValueOrDefault(id) : null, m.PublicOwnerAgencyId))
            .Select(o => new DuplicateOwner(o.PublicOwnerAgencyId, o.Agency?.Name ?? o.PublicOwnerAgencyId, o.Agency?.Email,
                o.User?.DisplayName, o.User?.Email, o.User?.PhoneNumber))
            .Distinct()
            .OrderBy(o => o.AgencyId, StringComparer.Ordinal)];
    }

    /// <summary>The open referrals themselves, for the owners' notices (never shown to the caller).</summary>
    public Task<List<Referral>> OpenReferralsAsync(string district, string key, string? addressKey, CancellationToken cancellationToken) =>
        db.Referrals.AsNoTracking()
            .Where(r => r.District == district && r.ClosedAt == null && r.HouseholdKey == key
                && (addressKey == null || r.HouseholdAddressKey == null || r.HouseholdAddressKey == addressKey))
            .OrderBy(r => r.OpenedAt).ToListAsync(cancellationToken);
}
