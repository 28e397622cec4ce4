using Microsoft.Extensions.Options;
using ReferralFlow.Host.Features.Calendar;
using ReferralFlow.Workflows.Escalation;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Escalation;

/// <summary>The configured policies and the working-day calendar (<see cref="KoreaTime"/>); the built-in standard policy when none is configured.</summary>
public sealed class ConfiguredEscalationPlanner : IEscalationPlanner
{
    private readonly Dictionary<string, EscalationPolicy> _policies;

    public ConfiguredEscalationPlanner(IOptions<EscalationOptions> options, KoreaTime time)
    {
        var value = options.Value;
        Calendar = time.Calendar;
        DefaultPolicy = value.DefaultPolicy;
        _policies = new(StringComparer.Ordinal) { [EscalationPolicy.Standard.Name] = EscalationPolicy.Standard };
        foreach (var (name, policy) in value.Policies)
        {
            _policies[name] = new EscalationPolicy(name, [.. policy.Levels.Select(l => new EscalationLevel(l.WorkingDays, l.Extra, l.Recipients, l.ReofferToQueue))]);
        }
    }

    public WorkingCalendar Calendar { get; }

    public string? DefaultPolicy { get; }

    public IReadOnlySet<string> PolicyNames => _policies.Keys.ToHashSet(StringComparer.Ordinal);

    public EscalationPolicy Get(string name) => _policies.GetValueOrDefault(name) ?? EscalationPolicy.Standard;

    public IReadOnlyList<(int Level, DateTimeOffset DueAt)> Plan(string policy, DateTimeOffset dueAt) => Get(policy).Plan(dueAt, Calendar);
}
