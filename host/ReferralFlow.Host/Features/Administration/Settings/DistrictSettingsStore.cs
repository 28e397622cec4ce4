using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Calendar;
using ReferralFlow.Host.Features.Escalation;
using ReferralFlow.Workflows.Escalation;

namespace ReferralFlow.Host.Features.Administration.Settings;

/// <summary>A district's settings as the calendar, the escalation planner and sign-in use them.</summary>
public sealed record DistrictSettingsSnapshot(
    string District,
    int Version,
    IReadOnlyList<DateOnly> Holidays,
    IReadOnlyDictionary<string, EscalationPolicy> Policies,
    string? DefaultPolicy,
    int RetentionYears,
    bool RequireTwoFactorForCaseReaders,
    WorkingCalendar Calendar)
{
    /// <summary>A named policy; the built-in standard policy for an unknown name.</summary>
    public EscalationPolicy Policy(string name) => Policies.GetValueOrDefault(name) ?? EscalationPolicy.Standard;
}

/// <summary>
/// Every district's settings in memory: read synchronously by the working-day calendar and the escalation planner,
/// loaded at start, replaced by <c>PUT /api/admin/settings</c> in this process and re-read from the database
/// periodically (<see cref="DistrictSettingsRefresh"/>) for changes made through another process. A district without a
/// row has the configuration's defaults (<c>Escalation:*</c>, <c>Retention:Years</c>).
/// </summary>
public sealed class DistrictSettingsStore(IOptions<EscalationOptions> escalation, IOptions<CalendarOptions> calendar, IConfiguration configuration)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) } };

    private readonly ConcurrentDictionary<string, DistrictSettingsSnapshot> _districts = new(StringComparer.Ordinal);

    private readonly Lazy<DistrictSettingsSnapshot> _defaults = new(() => BuildDefaults(escalation.Value, calendar.Value, configuration));

    /// <summary>The settings of a district (the configuration's when it has none of its own).</summary>
    public DistrictSettingsSnapshot Get(string? district) =>
        district is { Length: > 0 } && _districts.TryGetValue(district, out var own) ? own : _defaults.Value with { District = district ?? "" };

    /// <summary>The configuration's settings: what a new district starts with.</summary>
    public DistrictSettingsSnapshot Defaults(string district) => _defaults.Value with { District = district };

    /// <summary>Takes a saved row (after its transaction committed).</summary>
    public void Put(DistrictSettings row) => _districts[row.District] = Read(row);

    /// <summary>A row as settings (without taking it).</summary>
    public DistrictSettingsSnapshot Read(DistrictSettings row) => FromRow(row, calendar.Value.UtcOffset);

    /// <summary>Re-reads every district's row.</summary>
    public async Task ReloadAsync(ReferralFlowDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.DistrictSettings.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            if (!_districts.TryGetValue(row.District, out var known) || known.Version != row.Version)
            {
                Put(row);
            }
        }
    }

    public static List<DateOnly> ReadHolidays(string json) => JsonSerializer.Deserialize<List<DateOnly>>(json, Json) ?? [];

    public static Dictionary<string, PolicyDocument> ReadPolicies(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, PolicyDocument>>(json, Json) ?? [];

    public static Dictionary<string, PolicyDocument> Documents(IReadOnlyDictionary<string, EscalationPolicy> policies) =>
        policies.ToDictionary(p => p.Key, p => new PolicyDocument([.. p.Value.Levels.Select(l => new LevelDocument(l.WorkingDays, l.Extra, [.. l.Recipients], l.ReofferToQueue))]), StringComparer.Ordinal);

    private static DistrictSettingsSnapshot FromRow(DistrictSettings row, TimeSpan offset)
    {
        var holidays = ReadHolidays(row.HolidaysJson).Order().ToList();
        return new DistrictSettingsSnapshot(row.District, row.Version, holidays, Policies(ReadPolicies(row.PoliciesJson)), row.DefaultPolicy,
            row.RetentionYears, row.RequireTwoFactorForCaseReaders, new WorkingCalendar(holidays, offset));
    }

    private static DistrictSettingsSnapshot BuildDefaults(EscalationOptions escalation, CalendarOptions calendar, IConfiguration configuration)
    {
        var documents = escalation.Policies.ToDictionary(
            p => p.Key,
            p => new PolicyDocument([.. p.Value.Levels.Select(l => new LevelDocument(l.WorkingDays, l.Extra, l.Recipients, l.ReofferToQueue))]),
            StringComparer.Ordinal);
        var holidays = calendar.Holidays.Distinct().Order().ToList();
        return new DistrictSettingsSnapshot("", 0, holidays, Policies(documents), escalation.DefaultPolicy,
            configuration.GetValue("Retention:Years", 5), false, new WorkingCalendar(holidays, calendar.UtcOffset));
    }

    // The built-in standard policy is always there unless the district (or the configuration) defines its own "standard".
    private static Dictionary<string, EscalationPolicy> Policies(Dictionary<string, PolicyDocument> documents)
    {
        var policies = new Dictionary<string, EscalationPolicy>(StringComparer.Ordinal) { [EscalationPolicy.Standard.Name] = EscalationPolicy.Standard };
        foreach (var (name, policy) in documents)
        {
            policies[name] = new EscalationPolicy(name, [.. policy.Levels.Select(l => new EscalationLevel(l.WorkingDays, l.Extra, l.Recipients, l.ReofferToQueue))]);
        }

        return policies;
    }
}

/// <summary>An escalation policy: its levels in increasing time order.</summary>
public sealed record PolicyDocument(List<LevelDocument> Levels);

/// <summary>One level: working days after the deadline, extra time, who is notified, whether the step returns to the queue.</summary>
public sealed record LevelDocument(int WorkingDays, TimeSpan Extra, List<EscalationRecipient> Recipients, bool ReofferToQueue = false);
