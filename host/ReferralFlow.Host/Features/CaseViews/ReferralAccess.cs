using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.CaseViews;

/// <summary>
/// The one access boundary: who may see which referral, which of its data, and which tasks. Every read scope — a single
/// referral, task lists, the control tower, reports, timeline, notes — is built here, so a new screen cannot forget a
/// rule. Enforced on every query, never by hiding links.
/// </summary>
/// <remarks>
/// <para><b>Who takes part.</b> The referring agency and the public case owner; an agency a step was created for (being
/// allocated a role is not enough); an agency the owner added with an audited reason. The district hub oversees its
/// district; a system administrator everything. Anyone else gets 404: existence is not revealed.</para>
/// <para><b>What they see</b> (<see cref="CaseLens"/>). The owner side (referrer, owner, hub) sees the case. Another
/// agency sees the household's identity only with a live <c>basic</c> consent for it, outcomes and notes only with
/// <c>living</c>, health values only with <c>health</c>; once all its steps are done it keeps what it contributed and the
/// referral's status, not later data, unless the owner extends its access.</para>
/// </remarks>
public sealed class ReferralAccess(ReferralFlowDbContext db, WorkflowReadModel workflow, CurrentUser user)
{
    private readonly Dictionary<Guid, CaseLens> _lenses = [];

    /// <summary>The caller's agency.</summary>
    public string AgencyId => user.AgencyId;

    /// <summary>The referrals the caller takes part in or oversees.</summary>
    public Task<IQueryable<Referral>> VisibleAsync(CancellationToken cancellationToken) =>
        user.IsSystemAdmin ? Task.FromResult<IQueryable<Referral>>(db.Referrals) : ScopeAsync(user.IsDistrictHub ? user.District : null, cancellationToken);

    /// <summary>The referrals the caller's own agency takes part in (referring, owning, a step, a grant), whatever its oversight.</summary>
    public Task<IQueryable<Referral>> ParticipatingAsync(CancellationToken cancellationToken) => ScopeAsync(null, cancellationToken);

    // One query, so lists page and count in the database: steps live in the engine's table in the same database, read
    // with EXISTS (index ix_work_tasks_instance_agency) instead of a list of every instance the agency ever had a step in.
    private Task<IQueryable<Referral>> ScopeAsync(string? district, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var agency = user.AgencyId;
        // OFFSET 0 keeps PostgreSQL from turning the EXISTS into a hash of every task the agency ever had: a list page
        // then probes only the referrals it walks (newest first) through the (instance_id, task_id) index.
        var probe = db.Database.IsNpgsql() ? " OFFSET 0" : "";
        var parts = $$"""
            r.referring_agency_id = {0} OR r.public_owner_agency_id = {0}
            OR EXISTS (SELECT 1 FROM work_tasks AS t WHERE t.instance_id = r.instance_id AND t.agency_id = {0}{{probe}})
            OR EXISTS (SELECT 1 FROM referral_access_grants AS g WHERE g.referral_id = r.id AND g.agency_id = {0} AND g.revoked_at IS NULL{{probe}})
            """;
        var sql = district is null
            ? "SELECT r.* FROM referrals AS r WHERE " + parts
            : "SELECT r.* FROM referrals AS r WHERE r.district = {1} OR " + parts;
        // Only constant SQL is put together here; the agency and district are parameters.
        var scoped = district is null ? db.Referrals.FromSqlRaw(sql, agency) : db.Referrals.FromSqlRaw(sql, agency, district);
        return Task.FromResult(scoped);
    }

    /// <summary>The referrals whose public case owner is the caller's agency (the owner's control tower).</summary>
    public IQueryable<Referral> Owned()
    {
        var agency = user.AgencyId;
        return db.Referrals.Where(r => r.PublicOwnerAgencyId == agency);
    }

    /// <summary>Every referral of the caller's district, for the district hub (every district for a system administrator); 403 for others.</summary>
    public IQueryable<Referral> District()
    {
        if (user.IsSystemAdmin)
        {
            return db.Referrals;
        }

        if (!user.IsDistrictHub)
        {
            throw ApiException.Forbidden(ProblemCode.DistrictListForbidden);
        }

        var district = user.District;
        return db.Referrals.Where(r => r.District == district);
    }

    /// <summary>The district a report may cover: the caller's own (any for a system administrator), else 403.</summary>
    public string ReportDistrict(string? requested)
    {
        var district = string.IsNullOrWhiteSpace(requested) ? user.District : requested.Trim();
        return user.IsSystemAdmin || district == user.District ? district : throw ApiException.Forbidden(ProblemCode.ReportOtherDistrict);
    }

    /// <summary>The referral, or 404 when it does not exist or the caller may not see it (existence is not revealed).</summary>
    public async Task<Referral> GetVisibleAsync(Guid referralId, CancellationToken cancellationToken, bool track = false)
    {
        var query = WithCase().Where(r => r.Id == referralId);
        var referral = await (track ? query : query.AsNoTracking()).SingleOrDefaultAsync(cancellationToken);
        return referral is not null && (await LensAsync(referral, cancellationToken)).TakesPart
            ? referral
            : throw ApiException.NotFound(ProblemCode.ReferralNotFound);
    }

    /// <summary>The referral routed by a workflow instance, with its consents and grants (read-only), or null.</summary>
    public Task<Referral?> ByInstanceAsync(Guid instanceId, CancellationToken cancellationToken) =>
        WithCase().AsNoTracking().SingleOrDefaultAsync(r => r.InstanceId == instanceId, cancellationToken);

    // A referral with what its lens needs: role allocations, consents and grants.
    private IQueryable<Referral> WithCase() =>
        db.Referrals.Include(r => r.Participants).Include(r => r.Consents).Include(r => r.Grants).AsSplitQuery();

    /// <summary>
    /// True when the caller oversees the instance's referral: the district hub for its district, and with
    /// <paramref name="asCaseOwner"/> also the referral's public case owner (read only).
    /// </summary>
    public Task<bool> OverseesInstanceAsync(Guid instanceId, bool asCaseOwner, CancellationToken cancellationToken)
    {
        var district = user.District;
        var owner = asCaseOwner ? user.AgencyId : null;
        var hub = user.IsDistrictHub;
        return hub || owner is not null
            ? db.Referrals.AnyAsync(r => r.InstanceId == instanceId && ((owner != null && r.PublicOwnerAgencyId == owner) || (hub && r.District == district)), cancellationToken)
            : Task.FromResult(false);
    }

    /// <summary>What the caller may see of <paramref name="referral"/> (loaded with its consents and grants).</summary>
    public async Task<CaseLens> LensAsync(Referral referral, CancellationToken cancellationToken)
    {
        if (_lenses.TryGetValue(referral.Id, out var cached))
        {
            return cached;
        }

        var lens = await BuildLensAsync(referral, cancellationToken);
        _lenses[referral.Id] = lens;
        return lens;
    }

    private async Task<CaseLens> BuildLensAsync(Referral referral, CancellationToken cancellationToken)
    {
        var agency = user.AgencyId;
        var anyHealth = referral.Consents.Any(c => c.IsActive && c.Category == ConsentCategories.Health);
        if (IsOwnerSide(referral))
        {
            return new CaseLens(true, true, true, true, anyHealth, null);
        }

        var steps = await workflow.Tasks.Where(t => t.InstanceId == referral.InstanceId && t.AgencyId == agency)
            .Select(t => new { t.TaskId, t.Status, t.CompletedAt, t.CreatedAt }).ToListAsync(cancellationToken);
        var granted = referral.Grants.Any(g => g.AgencyId == agency && g.RevokedAt == null);
        if (steps.Count == 0 && !granted)
        {
            return CaseLens.None;
        }

        // Done with every step and not extended by the owner: what it saw until its last step closed, nothing later.
        DateTimeOffset? until = granted || steps.Any(s => s.Status == WorkTaskStatus.Open)
            ? null
            : steps.Max(s => s.CompletedAt ?? s.CreatedAt);
        return new CaseLens(
            true, false, Consented(referral, ConsentCategories.Basic), Consented(referral, ConsentCategories.Living), Consented(referral, ConsentCategories.Health), until)
        {
            Steps = [.. steps.Select(s => s.TaskId).Order()],
        };
    }

    /// <summary>The referring agency, the public case owner, the district hub or a system administrator: the whole case.</summary>
    public bool IsOwnerSide(Referral referral) => IsCaseOwner(referral) || referral.ReferringAgencyId == user.AgencyId;

    /// <summary>
    /// The household's name in a list row (loaded with its consents): the owner side, or an agency with a live basic
    /// consent. Lists hold only referrals the caller takes part in.
    /// </summary>
    public bool SeesIdentity(Referral referral) => IsOwnerSide(referral) || Consented(referral, ConsentCategories.Basic);

    private bool Consented(Referral referral, string category) =>
        referral.Consents.Any(c => c.WithdrawnAt == null && c.AgencyId == user.AgencyId && c.Category == category);

    /// <summary>Tasks the caller may act on: those offered to their agency (all, for a system administrator).</summary>
    public IQueryable<WorkTaskRecord> ActionableTasks(IQueryable<WorkTaskRecord> tasks)
    {
        if (user.IsSystemAdmin)
        {
            return tasks;
        }

        var agency = user.AgencyId;
        return tasks.Where(t => t.AgencyId == agency);
    }

    /// <summary>True when the caller is the referral's public case owner side (owner agency) or the district hub/admin.</summary>
    public bool IsCaseOwner(Referral referral) =>
        user.IsSystemAdmin || referral.PublicOwnerAgencyId == user.AgencyId || (user.IsDistrictHub && referral.District == user.District);

    /// <summary>The household's identity and contact (name, birth date, address, phone) for the caller.</summary>
    public async Task<bool> CanSeePersonalDataAsync(Referral referral, CancellationToken cancellationToken) =>
        (await LensAsync(referral, cancellationToken)).Identity;

    /// <summary>Health field values (민감정보) for the caller: only with a live health consent.</summary>
    public async Task<bool> CanSeeHealthDataAsync(Referral referral, CancellationToken cancellationToken) =>
        (await LensAsync(referral, cancellationToken)).Health;
}

/// <summary>What one caller may see of one referral.</summary>
/// <param name="TakesPart">The caller may open the referral at all.</param>
/// <param name="OwnerSide">Referring agency, public case owner, district hub or system administrator: the whole case.</param>
/// <param name="Identity">The household's name, birth date, address and phone (기본정보).</param>
/// <param name="Living">Step outcomes, notes and the closing outcome (생활실태).</param>
/// <param name="Health">Values of health fields (건강정보).</param>
/// <param name="Until">For an agency whose steps are all done: data after this instant is not shown.</param>
public sealed record CaseLens(bool TakesPart, bool OwnerSide, bool Identity, bool Living, bool Health, DateTimeOffset? Until)
{
    public static readonly CaseLens None = new(false, false, false, false, false, null);

    /// <summary>The caller's agency's steps in the referral (instance-local task ids): why it may read it.</summary>
    public IReadOnlyList<int> Steps { get; init; } = [];

    /// <summary>True when something that happened at <paramref name="at"/> is within what the caller may see.</summary>
    public bool Covers(DateTimeOffset? at) => Until is null || (at is { } when && when <= Until);

    /// <summary>
    /// What a read showed and why, for the audit log (codes and ids only): the categories shown, and the owner side or the
    /// agency's steps.
    /// </summary>
    public string AuditDetail()
    {
        var shown = new[] { (Identity, ConsentCategories.Basic), (Living, ConsentCategories.Living), (Health, ConsentCategories.Health) }
            .Where(c => c.Item1).Select(c => c.Item2);
        var why = OwnerSide ? "owner-side" : Steps.Count > 0 ? "steps " + string.Join(",", Steps) : "owner grant";
        var list = string.Join(",", shown);
        return $"shown: {(list.Length > 0 ? list : "none")}; {why}{(Until is null ? "" : "; done")}";
    }
}
