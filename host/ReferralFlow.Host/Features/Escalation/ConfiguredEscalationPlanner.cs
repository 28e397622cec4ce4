using ReferralFlow.Host.Features.Administration.Settings;
using ReferralFlow.Workflows.Escalation;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Escalation;

/// <summary>
/// Escalation policies and the working-day calendar of a district: its own settings (<c>/api/admin/settings</c>), or
/// the configuration's (<c>Escalation:*</c>) for a district without any. <see cref="Get"/> and <see cref="Calendar"/>
/// without a district are the configuration's; the workflow runtime plans every deadline with the planner of the district
/// that owns the instance's workflow (<see cref="ForDistrict"/>), whether a worker or a timer job runs the command.
/// </summary>
public sealed class ConfiguredEscalationPlanner(DistrictSettingsStore settings) : IEscalationPlanner
{
    public WorkingCalendar Calendar => settings.Get(null).Calendar;

    public string? DefaultPolicy => settings.Get(null).DefaultPolicy;

    public IReadOnlySet<string> PolicyNames => settings.Get(null).Policies.Keys.ToHashSet(StringComparer.Ordinal);

    public EscalationPolicy Get(string name) => settings.Get(null).Policy(name);

    public IReadOnlyList<(int Level, DateTimeOffset DueAt)> Plan(string policy, DateTimeOffset dueAt) => Get(policy).Plan(dueAt, Calendar);

    /// <summary>The planner of one district (its holidays and policies as they are now).</summary>
    public DistrictEscalationPlanner For(string? district) => new(this, settings.Get(district));

    public IEscalationPlanner ForDistrict(string district) => For(district);
}

/// <summary>
/// Plans with one district's settings, read when the planner is made: a deadline keeps the holidays and levels it was
/// planned with (the escalation rows store their due times), later changes apply to deadlines created afterwards.
/// </summary>
public sealed class DistrictEscalationPlanner(ConfiguredEscalationPlanner all, DistrictSettingsSnapshot settings) : IEscalationPlanner
{
    public string District => settings.District;

    public WorkingCalendar Calendar => settings.Calendar;

    public string? DefaultPolicy => settings.DefaultPolicy;

    public IReadOnlySet<string> PolicyNames => settings.Policies.Keys.ToHashSet(StringComparer.Ordinal);

    public EscalationPolicy Get(string name) => settings.Policy(name);

    public IReadOnlyList<(int Level, DateTimeOffset DueAt)> Plan(string policy, DateTimeOffset dueAt) => Get(policy).Plan(dueAt, Calendar);

    public IEscalationPlanner ForDistrict(string district) => district == District ? this : all.For(district);
}
