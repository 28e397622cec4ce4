using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Database;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Settings;

/// <summary>
/// <c>PUT /api/admin/settings</c>: replaces my district's settings, based on the version read (<c>If-Match</c> — a stale
/// one is 412 — or the body's <c>version</c> — 409; neither: 428). Validated field by field, audited with what changed.
/// Effective at once for deadlines created afterwards; deadlines and escalation times already planned keep theirs.
/// </summary>
public sealed class UpdateDistrictSettings(
    AdminScope scope, ReferralFlowDbContext db, DistrictSettingsStore store, AdminAudit audit, UnitOfWork unitOfWork, CurrentUser user, TimeProvider time)
{
    /// <summary>The whole settings document; <c>version</c> may come as <c>If-Match</c> instead.</summary>
    public sealed record Request(
        int? Version,
        Dictionary<string, List<DateOnly>>? Holidays,
        Dictionary<string, PolicyDocument>? Policies,
        string? DefaultPolicy,
        int? RetentionYears,
        bool? RequireTwoFactorForCaseReaders);

    public async Task<DistrictSettingsView> HandleAsync(string? district, Request request, HttpContext http, CancellationToken cancellationToken)
    {
        var name = await GetDistrictSettings.DistrictAsync(scope, db, district, cancellationToken);
        var ifMatch = Versions.Expected(http.Request);
        var expected = Versions.Required(ifMatch ?? request.Version);
        var valid = SettingsValidation.Validate(request);
        var row = await db.DistrictSettings.SingleOrDefaultAsync(s => s.District == name, cancellationToken);
        var before = row is null ? store.Defaults(name) : store.Read(row);
        if (before.Version != expected)
        {
            throw ifMatch is null ? Versions.Stale(before.Version) : Versions.PreconditionFailed(before.Version);
        }

        var isNew = row is null;
        row ??= new DistrictSettings { District = name };
        row.HolidaysJson = JsonSerializer.Serialize(valid.Holidays, DistrictSettingsStore.Json);
        row.PoliciesJson = JsonSerializer.Serialize(valid.Policies, DistrictSettingsStore.Json);
        row.DefaultPolicy = valid.DefaultPolicy;
        row.RetentionYears = valid.RetentionYears;
        row.RequireTwoFactorForCaseReaders = valid.RequireTwoFactorForCaseReaders;
        row.Version = before.Version + 1;
        row.UpdatedAt = time.GetUtcNow();
        row.UpdatedBy = user.Id;
        if (isNew)
        {
            db.DistrictSettings.Add(row);
        }

        Audit(before, store.Read(row));
        try
        {
            await unitOfWork.ExecuteAsync(_ =>
            {
                audit.Record(AdminActions.SettingsUpdated, $"district:{name}", name);
                return Task.CompletedTask;
            }, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another administrator saved first (the same version, or the first row of the district).
            db.ChangeTracker.Clear();
            var current = await db.DistrictSettings.AsNoTracking().Where(s => s.District == name).Select(s => s.Version).SingleOrDefaultAsync(cancellationToken);
            throw ifMatch is null ? Versions.Stale(current) : Versions.PreconditionFailed(current);
        }

        store.Put(row);
        var saved = store.Get(name);
        Versions.SetETag(http, saved.Version);
        return DistrictSettingsView.From(saved);
    }

    private void Audit(DistrictSettingsSnapshot before, DistrictSettingsSnapshot after)
    {
        var removed = before.Holidays.Except(after.Holidays).Select(d => d.ToString("O")).ToList();
        var added = after.Holidays.Except(before.Holidays).Select(d => d.ToString("O")).ToList();
        if (removed.Count > 0 || added.Count > 0)
        {
            // Only the dates that changed: before = removed, after = added (the full lists would not fit an entry).
            audit.Change("holidays", removed, added);
        }

        audit.Change("policies", JsonSerializer.Serialize(DistrictSettingsStore.Documents(before.Policies), DistrictSettingsStore.Json),
            JsonSerializer.Serialize(DistrictSettingsStore.Documents(after.Policies), DistrictSettingsStore.Json));
        audit.Change("defaultPolicy", before.DefaultPolicy, after.DefaultPolicy)
            .Change("retentionYears", before.RetentionYears, after.RetentionYears)
            .Change("requireTwoFactorForCaseReaders", before.RequireTwoFactorForCaseReaders, after.RequireTwoFactorForCaseReaders);
    }
}
