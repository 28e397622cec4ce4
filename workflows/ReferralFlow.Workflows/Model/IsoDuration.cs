using System.Globalization;
using System.Text;

namespace ReferralFlow.Workflows.Model;

/// <summary>An ISO 8601 duration such as <c>P3D</c>, <c>PT48H</c> or <c>P1M2DT3H</c>; years and months are calendar units.</summary>
public readonly record struct IsoDuration(int Years, int Months, int Days, TimeSpan Time)
{
    /// <summary>Adds the duration to an instant: calendar parts first, then the time part.</summary>
    public DateTimeOffset AddTo(DateTimeOffset instant) =>
        instant.AddYears(Years).AddMonths(Months).AddDays(Days).Add(Time);

    /// <summary>True when the duration is zero.</summary>
    public bool IsZero => Years == 0 && Months == 0 && Days == 0 && Time == TimeSpan.Zero;

    /// <summary>Parses an ISO 8601 duration; throws <see cref="FormatException"/> with a clear message when invalid.</summary>
    public static IsoDuration Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    /// <summary>Parses an ISO 8601 duration (<c>PnYnMnWnDTnHnMnS</c>, seconds may be fractional).</summary>
    public static bool TryParse(string? text, out IsoDuration duration, out string? error)
    {
        duration = default;
        error = null;
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s) || s.Length > 64 || s[0] != 'P' || s.Length == 1)
        {
            error = $"'{text}' is not an ISO 8601 duration (expected e.g. P3D, PT48H, P1M).";
            return false;
        }

        int years = 0, months = 0, days = 0;
        var time = TimeSpan.Zero;
        var inTime = false;
        var sawComponent = false;
        var lastRank = -1;
        var i = 1;
        while (i < s.Length)
        {
            if (s[i] == 'T')
            {
                if (inTime || i == s.Length - 1)
                {
                    error = $"'{text}' is not an ISO 8601 duration: misplaced 'T'.";
                    return false;
                }

                inTime = true;
                i++;
                continue;
            }

            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] is '.' or ','))
            {
                i++;
            }

            if (start == i || i == s.Length)
            {
                error = $"'{text}' is not an ISO 8601 duration: expected a number followed by a unit.";
                return false;
            }

            var numberText = s[start..i].Replace(',', '.');
            if (!decimal.TryParse(numberText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                || value > 100_000)
            {
                error = $"'{text}' is not an ISO 8601 duration: '{numberText}' is not a valid amount.";
                return false;
            }

            var unit = s[i++];
            var rank = (inTime, unit) switch
            {
                (false, 'Y') => 0,
                (false, 'M') => 1,
                (false, 'W') => 2,
                (false, 'D') => 3,
                (true, 'H') => 4,
                (true, 'M') => 5,
                (true, 'S') => 6,
                _ => -1,
            };
            var fractionalAllowed = rank == 6;
            if (rank < 0 || rank <= lastRank || (!fractionalAllowed && value != decimal.Truncate(value)))
            {
                error = $"'{text}' is not an ISO 8601 duration: unexpected unit '{unit}'.";
                return false;
            }

            lastRank = rank;
            sawComponent = true;
            var whole = (int)value;
            switch (rank)
            {
                case 0: years = whole; break;
                case 1: months = whole; break;
                case 2: days += whole * 7; break;
                case 3: days += whole; break;
                case 4: time += TimeSpan.FromHours(whole); break;
                case 5: time += TimeSpan.FromMinutes(whole); break;
                default: time += TimeSpan.FromTicks((long)(value * TimeSpan.TicksPerSecond)); break;
            }
        }

        if (!sawComponent)
        {
            error = $"'{text}' is not an ISO 8601 duration: no amount given.";
            return false;
        }

        duration = new IsoDuration(years, months, days, time);
        return true;
    }

    /// <summary>Formats the duration back to ISO 8601.</summary>
    public override string ToString()
    {
        if (IsZero)
        {
            return "PT0S";
        }

        var sb = new StringBuilder("P");
        if (Years != 0) sb.Append(CultureInfo.InvariantCulture, $"{Years}Y");
        if (Months != 0) sb.Append(CultureInfo.InvariantCulture, $"{Months}M");
        if (Days != 0) sb.Append(CultureInfo.InvariantCulture, $"{Days}D");
        if (Time != TimeSpan.Zero)
        {
            sb.Append('T');
            if (Time.Days * 24 + Time.Hours != 0) sb.Append(CultureInfo.InvariantCulture, $"{(Time.Days * 24) + Time.Hours}H");
            if (Time.Minutes != 0) sb.Append(CultureInfo.InvariantCulture, $"{Time.Minutes}M");
            var seconds = Time.Seconds + (Time.Ticks % TimeSpan.TicksPerSecond / (decimal)TimeSpan.TicksPerSecond);
            if (seconds != 0) sb.Append(CultureInfo.InvariantCulture, $"{seconds}S");
        }

        return sb.ToString();
    }
}
