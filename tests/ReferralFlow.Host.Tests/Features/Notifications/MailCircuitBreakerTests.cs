using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Tests.Infrastructure;

namespace ReferralFlow.Host.Tests.Features.Notifications;

public sealed class MailCircuitBreakerTests
{
    private readonly FakeTimeProvider _clock = new(HostFixture.T0);

    private MailCircuitBreaker Breaker() =>
        new(_clock, Options.Create(new NotificationOptions { ProbeInterval = TimeSpan.FromSeconds(1), MaxProbeInterval = TimeSpan.FromMinutes(1) }));

    [Fact]
    public void A_short_outage_is_probed_every_second()
    {
        var breaker = Breaker();
        var state = breaker.Trip("refused");
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromSeconds(1), state.NextProbe);
            _clock.SetUtcNow(state.NextProbe);
            state = breaker.Trip("refused");
        }

        Assert.Equal(HostFixture.T0, state.Since);
        Assert.Equal(10, state.FailedProbes);
    }

    [Fact]
    public void A_long_outage_is_probed_every_tenth_of_its_length_up_to_the_maximum()
    {
        var breaker = Breaker();
        breaker.Trip("refused");

        _clock.Advance(TimeSpan.FromSeconds(150));
        Assert.Equal(TimeSpan.FromSeconds(15), breaker.Trip("refused").NextProbe - _clock.GetUtcNow());

        _clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(TimeSpan.FromMinutes(1), breaker.Trip("refused").NextProbe - _clock.GetUtcNow());
    }

    [Fact]
    public void A_server_that_answers_again_starts_the_next_outage_from_the_first_interval()
    {
        var breaker = Breaker();
        breaker.Trip("refused");
        _clock.Advance(TimeSpan.FromHours(1));
        breaker.Reset();
        Assert.Null(breaker.Open);

        var state = breaker.Trip("refused");

        Assert.Equal(_clock.GetUtcNow(), state.Since);
        Assert.Equal(TimeSpan.FromSeconds(1), state.NextProbe - _clock.GetUtcNow());
        Assert.Equal(0, state.FailedProbes);
    }
}
