using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Settings;

/// <summary>
/// A district's settings as the API shows them: holidays grouped by year, escalation policies by name (the built-in
/// <c>standard</c> included), the default policy, retention years, the two-factor requirement; <c>version</c> is also the
/// <c>ETag</c>. <c>isDefault</c>: the district has not saved its own yet and follows the configuration.
/// </summary>
public sealed record DistrictSettingsView(
    string District,
    int Version,
    bool IsDefault,
    SortedDictionary<int, List<DateOnly>> Holidays,
    Dictionary<string, PolicyDocument> Policies,
    string? DefaultPolicy,
    int RetentionYears,
    bool RequireTwoFactorForCaseReaders)
{
    public static DistrictSettingsView From(DistrictSettingsSnapshot settings) => new(
        settings.District,
        settings.Version,
        settings.Version == 0,
        new(settings.Holidays.GroupBy(d => d.Year).ToDictionary(g => g.Key, g => g.Order().ToList())),
        DistrictSettingsStore.Documents(settings.Policies),
        settings.DefaultPolicy,
        settings.RetentionYears,
        settings.RequireTwoFactorForCaseReaders);
}

/// <summary><c>GET /api/admin/settings</c>: my district's settings (system administrators name the district).</summary>
public sealed class GetDistrictSettings(AdminScope scope, ReferralFlowDbContext db, DistrictSettingsStore store)
{
    public async Task<DistrictSettingsView> HandleAsync(string? district, HttpContext http, CancellationToken cancellationToken)
    {
        var settings = await ReadAsync(scope, db, store, district, cancellationToken);
        Versions.SetETag(http, settings.Version);
        return DistrictSettingsView.From(settings);
    }

    /// <summary>The district's settings from the database (not the cache: the ETag must be the row's).</summary>
    internal static async Task<DistrictSettingsSnapshot> ReadAsync(
        AdminScope scope, ReferralFlowDbContext db, DistrictSettingsStore store, string? district, CancellationToken cancellationToken)
    {
        var name = await DistrictAsync(scope, db, district, cancellationToken);
        var row = await db.DistrictSettings.AsNoTracking().SingleOrDefaultAsync(s => s.District == name, cancellationToken);
        if (row is null)
        {
            return store.Defaults(name);
        }

        store.Put(row);
        return store.Get(name);
    }

    /// <summary>The caller's district (403 for another); a system administrator's named one, which must have agencies (404).</summary>
    internal static async Task<string> DistrictAsync(AdminScope scope, ReferralFlowDbContext db, string? district, CancellationToken cancellationToken)
    {
        var name = scope.DistrictFor(district);
        if (scope.IsSystemAdmin && !await db.Agencies.AnyAsync(a => a.District == name, cancellationToken))
        {
            throw ApiException.NotFound(ProblemCode.DistrictNotFound.With(name));
        }

        return name;
    }
}
