using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Allocations;

/// <summary>
/// <c>PUT /api/role-allocations</c>: replaces every default of a district (rows without a dong apply district-wide).
/// Only that district's hub or a system administrator may; agencies must exist and role keys be slugs, and — as on the
/// editor page — every role a published workflow of the district uses needs an agency in every dong (a gap is a 400
/// <c>allocation-gap</c> naming the role and the dong under <c>allocations</c>). An optional
/// <c>If-Match</c> / <c>version</c> (the table's ETag) refuses to overwrite a table someone else changed (409).
/// Running referrals keep the agencies they were given; only new referrals see the change.
/// </summary>
public sealed class ReplaceAllocations(CurrentUser user, ReferralFlowDbContext db, CheckAllocationCoverage coverage, AuditLog audit, TimeProvider time)
{
    public const string AuditAction = "role-allocations.replaced";

    public sealed record Entry(string? Dong, [Required] string? RoleKey, [Required] string? AgencyId);

    public sealed record Request([Required] string? District, IReadOnlyList<Entry>? Allocations, string? Version);

    /// <summary>The table as replaced; <c>request.Version</c> is the table's ETag the caller read (the endpoint puts <c>If-Match</c> there).</summary>
    public async Task<AllocationTable.Response> HandleAsync(Request request, CancellationToken cancellationToken)
    {
        var district = string.IsNullOrWhiteSpace(request.District)
            ? throw ApiException.Invalid("district", ProblemCode.FieldRequired, ProblemLabel.District)
            : request.District.Trim();
        if (!user.IsSystemAdmin && !((user.IsDistrictHub || user.IsInRole(Roles.DistrictAdmin)) && user.District == district))
        {
            throw ApiException.Forbidden(ProblemCode.AllocationsForbidden.With(district));
        }

        var entries = await ValidateAsync(request.Allocations ?? [], district, cancellationToken);
        var gaps = (await coverage.CheckAsync(district, entries, cancellationToken)).Gaps;
        if (gaps.Count > 0)
        {
            var errors = new ProblemErrors();
            foreach (var gap in gaps)
            {
                errors.Add("allocations", ProblemCode.AllocationGap, gap.RoleKey, gap.Dong, string.Join(", ", gap.Workflows));
            }

            errors.ThrowIfAny();
        }

        var expected = request.Version;
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var current = await AllocationTable.LoadAsync(db, district, cancellationToken);
        if (expected is not null && Unquote(expected) != Unquote(current.Version))
        {
            throw Changed(current.Version);
        }

        await db.RoleAllocationDefaults.Where(a => a.District == district).ExecuteDeleteAsync(cancellationToken);
        db.RoleAllocationDefaults.AddRange(entries.Select(e => new RoleAllocationDefault
        {
            Id = Guid.CreateVersion7(now),
            District = district,
            Dong = e.Dong,
            RoleKey = e.RoleKey,
            AgencyId = e.AgencyId,
            UpdatedAt = now,
            UpdatedBy = user.Id,
        }));
        audit.Record(AuditAction, null, $"{district}: {entries.Count} rows", district);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two replacements of the same district raced; the unique index let one win.
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            throw Changed((await AllocationTable.LoadAsync(db, district, cancellationToken)).Version);
        }

        return await AllocationTable.LoadAsync(db, district, cancellationToken);
    }

    private async Task<List<(string Dong, string RoleKey, string AgencyId)>> ValidateAsync(
        IReadOnlyList<Entry> allocations, string district, CancellationToken cancellationToken)
    {
        var wanted = allocations.Select(a => a.AgencyId?.Trim()).OfType<string>().Distinct().ToList();
        var found = await db.Agencies.AsNoTracking().Where(a => wanted.Contains(a.Id)).Select(a => new { a.Id, a.IsActive }).ToListAsync(cancellationToken);
        var known = found.Select(a => a.Id).ToList();
        var inactive = found.Where(a => !a.IsActive).Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var errors = new ProblemErrors();
        var seen = new HashSet<(string, string)>();
        var result = new List<(string Dong, string RoleKey, string AgencyId)>();
        for (var i = 0; i < allocations.Count; i++)
        {
            var entry = allocations[i];
            var dong = entry.Dong?.Trim() ?? "";
            var role = entry.RoleKey?.Trim() ?? "";
            var agency = entry.AgencyId?.Trim() ?? "";
            if (dong.Length > 100)
            {
                errors.Add($"allocations[{i}].dong", ProblemCode.TooLong, 100);
            }
            else if (PersonalDataGuard.LooksLikeResidentNumber(dong))
            {
                errors.Add($"allocations[{i}].dong", ProblemCode.ResidentNumber);
            }

            if (!IsRoleKey(role))
            {
                errors.Add($"allocations[{i}].roleKey", ProblemCode.RoleKeyInvalid, role);
            }
            else if (!seen.Add((dong, role)))
            {
                errors.Add($"allocations[{i}].roleKey", ProblemCode.RoleAllocatedTwice, role, dong.Length == 0 ? district : dong);
            }

            if (!known.Contains(agency))
            {
                errors.Add($"allocations[{i}].agencyId", agency.Length == 0 ? ProblemCode.FieldRequired.With(ProblemLabel.Agency) : ProblemCode.AgencyNotFound.With(agency));
            }
            else if (inactive.Contains(agency))
            {
                errors.Add($"allocations[{i}].agencyId", ProblemCode.AgencyInactive, agency);
            }

            result.Add((dong, role, agency));
        }

        errors.ThrowIfAny();
        return result;
    }

    /// <summary>
    /// The engine's role slugs: lower-case letters and digits joined by '-' or '_'. Letters need not be ASCII because the
    /// engine derives a key from a lane's name when it has no rf:role (e.g. a Korean lane name).
    /// </summary>
    internal static bool IsRoleKey(string value) =>
        value.Length is > 0 and <= 64
        && value.All(c => (char.IsLetterOrDigit(c) && !char.IsUpper(c)) || c is '-' or '_')
        && char.IsLetterOrDigit(value[0]) && char.IsLetterOrDigit(value[^1]);

    private static string Unquote(string etag) => etag.Trim().TrimStart('W', '/').Trim('"');

    private static ApiException Changed(string currentVersion) =>
        ApiException.Conflict(ProblemCode.ConcurrencyConflict, new Dictionary<string, object?> { ["currentVersion"] = currentVersion });
}
