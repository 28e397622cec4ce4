using Microsoft.Extensions.Configuration;
using ReferralFlow.Host.Infrastructure;

namespace ReferralFlow.Host.Tests.Infrastructure;

public sealed class HostArgumentsTests
{
    [Theory]
    [InlineData("--seed-demo", "--Database:Provider=PostgreSql", "--urls", "http://127.0.0.1:5999")]
    [InlineData("--Database:Provider=PostgreSql", "--seed-demo", "--urls", "http://127.0.0.1:5999")]
    [InlineData("--urls", "http://127.0.0.1:5999", "--Database:Provider=PostgreSql", "--seed-demo")]
    public void Seed_demo_switch_anywhere_on_the_line_swallows_no_other_option(params string[] args)
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(HostArguments.Normalize(args)).Build();

        Assert.True(configuration.GetValue<bool>("Demo:Seed"));
        Assert.Equal("PostgreSql", configuration["Database:Provider"]);
        Assert.Equal("http://127.0.0.1:5999", configuration["urls"]);
    }

    [Fact]
    public void An_explicit_value_is_left_as_given()
    {
        var configuration = new ConfigurationBuilder().AddCommandLine(HostArguments.Normalize(["--Demo:Seed=false"])).Build();

        Assert.False(configuration.GetValue<bool>("Demo:Seed"));
    }
}
