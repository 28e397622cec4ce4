using System.Text.RegularExpressions;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Workflows.Escalation;

namespace ReferralFlow.Host.Features.Administration.Settings;

/// <summary>The checks of a settings document; every problem is reported at once, per field, with a stable code.</summary>
internal static partial class SettingsValidation
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;
    public const int MaxHolidaysPerYear = 60;
    public const int MaxYears = 20;
    public const int MaxPolicies = 20;
    public const int MaxLevels = 10;
    public const int MaxWorkingDays = 60;
    public const int MaxRetentionYears = 50;
    private static readonly TimeSpan MaxExtra = TimeSpan.FromDays(7);

    public sealed record Valid(
        List<DateOnly> Holidays, Dictionary<string, PolicyDocument> Policies, string? DefaultPolicy, int RetentionYears, bool RequireTwoFactorForCaseReaders);

    public static Valid Validate(UpdateDistrictSettings.Request request)
    {
        var errors = new Dictionary<string, ProblemMessage[]>(StringComparer.Ordinal);
        void Add(string field, ProblemMessage message) => errors[field] = [.. errors.GetValueOrDefault(field) ?? [], message];

        var holidays = new List<DateOnly>();
        if (request.Holidays is null)
        {
            Add("holidays", ProblemCode.FieldRequired.With(ProblemLabel.Holidays));
        }
        else if (request.Holidays.Count > MaxYears)
        {
            Add("holidays", ProblemCode.TooManyItems.With(MaxYears));
        }
        else
        {
            foreach (var (key, dates) in request.Holidays)
            {
                var field = $"holidays.{key}";
                if (!int.TryParse(key, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) || year is < MinYear or > MaxYear)
                {
                    Add(field, ProblemCode.YearOutOfRange.With(MinYear, MaxYear));
                    continue;
                }

                if ((dates?.Count ?? 0) > MaxHolidaysPerYear)
                {
                    Add(field, ProblemCode.TooManyItems.With(MaxHolidaysPerYear));
                    continue;
                }

                foreach (var date in dates ?? [])
                {
                    if (date.Year != year)
                    {
                        Add(field, ProblemCode.HolidayOtherYear.With(date.ToString("O"), year));
                    }
                    else if (!holidays.Contains(date))
                    {
                        holidays.Add(date);
                    }
                }
            }
        }

        var policies = request.Policies ?? [];
        if (request.Policies is null)
        {
            Add("policies", ProblemCode.FieldRequired.With(ProblemLabel.Policies));
        }
        else if (policies.Count > MaxPolicies)
        {
            Add("policies", ProblemCode.TooManyItems.With(MaxPolicies));
        }
        else
        {
            foreach (var (name, policy) in policies)
            {
                CheckPolicy(name, policy, Add);
            }
        }

        var defaultPolicy = string.IsNullOrWhiteSpace(request.DefaultPolicy) ? null : request.DefaultPolicy.Trim();
        if (defaultPolicy is not null && defaultPolicy != EscalationPolicy.Standard.Name && !policies.ContainsKey(defaultPolicy))
        {
            Add("defaultPolicy", ProblemCode.PolicyUnknown.With(defaultPolicy));
        }

        if (request.RetentionYears is not { } retention)
        {
            Add("retentionYears", ProblemCode.FieldRequired.With(ProblemLabel.RetentionYears));
        }
        else if (retention is < 1 or > MaxRetentionYears)
        {
            Add("retentionYears", ProblemCode.NumberOutOfRange.With(1, MaxRetentionYears));
        }

        if (request.RequireTwoFactorForCaseReaders is null)
        {
            Add("requireTwoFactorForCaseReaders", ProblemCode.FieldRequired.With(ProblemLabel.TwoFactorRequirement));
        }

        if (errors.Count > 0)
        {
            throw ApiException.Invalid(errors);
        }

        return new Valid([.. holidays.Order()], policies, defaultPolicy, request.RetentionYears!.Value, request.RequireTwoFactorForCaseReaders!.Value);
    }

    private static void CheckPolicy(string name, PolicyDocument? policy, Action<string, ProblemMessage> add)
    {
        var field = $"policies.{name}";
        if (!PolicyName().IsMatch(name))
        {
            add(field, ProblemCode.PolicyNameInvalid.With(name));
            return;
        }

        var levels = policy?.Levels ?? [];
        if (levels.Count is 0 or > MaxLevels)
        {
            add(field, ProblemCode.PolicyLevelCount.With(MaxLevels));
            return;
        }

        for (var i = 0; i < levels.Count; i++)
        {
            var level = levels[i];
            var at = $"{field}.levels[{i}]";
            if (level is null)
            {
                add(at, ProblemCode.ValueRequired);
                continue;
            }

            if (level.WorkingDays is < 0 or > MaxWorkingDays)
            {
                add($"{at}.workingDays", ProblemCode.NumberOutOfRange.With(0, MaxWorkingDays));
            }

            if (level.Extra < TimeSpan.Zero || level.Extra > MaxExtra)
            {
                add($"{at}.extra", ProblemCode.PolicyExtraOutOfRange);
            }

            if (level.Recipients is not { Count: > 0 } recipients || recipients.Any(r => !Enum.IsDefined(r)))
            {
                add($"{at}.recipients", ProblemCode.PolicyRecipientsRequired);
            }

            if (i > 0 && levels[i - 1] is { } previous && (level.WorkingDays, level.Extra).CompareTo((previous.WorkingDays, previous.Extra)) < 0)
            {
                add(at, ProblemCode.PolicyLevelOrder.With(i + 1));
            }
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$")]
    private static partial Regex PolicyName();
}
