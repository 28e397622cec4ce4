using Microsoft.Extensions.Options;
using ReferralFlow.Host.Features.Calendar;

namespace ReferralFlow.Host.Tests.Features.Calendar;

public sealed class KoreaTimeTests
{
    private static readonly KoreaTime Default = new(Options.Create(new CalendarOptions()));

    [Fact]
    public void New_year_in_Seoul_starts_at_15_00_UTC_the_day_before()
    {
        var lastUtcMinuteOf2025InSeoul = new DateTimeOffset(2025, 12, 31, 14, 59, 0, TimeSpan.Zero);

        Assert.Equal(2025, Default.Year(lastUtcMinuteOf2025InSeoul));
        Assert.Equal(2026, Default.Year(lastUtcMinuteOf2025InSeoul.AddMinutes(1)));
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 15, 0, 0, TimeSpan.Zero), Default.StartOfYear(2026));
    }

    [Fact]
    public void A_typed_in_local_time_is_stored_as_utc()
    {
        var stored = Default.FromLocal(new DateTime(2026, 3, 1, 14, 0, 0));

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 5, 0, 0, TimeSpan.Zero), stored);
        Assert.Equal(TimeSpan.Zero, stored.Offset);
    }

    [Fact]
    public void The_configured_offset_is_used_everywhere()
    {
        var utcPlus8 = new KoreaTime(Options.Create(new CalendarOptions { UtcOffset = TimeSpan.FromHours(8) }));
        var at = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(TimeSpan.FromHours(8), utcPlus8.Local(at).Offset);
        Assert.Equal(new DateOnly(2026, 3, 1), utcPlus8.Date(at));
        Assert.Equal(TimeSpan.FromHours(8), utcPlus8.StartOfYear(2026).Offset);
    }
}
