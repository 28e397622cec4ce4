namespace ReferralFlow.Host.Tests.Features.Escalation;

/// <summary>
/// Hangfire keeps some configuration process-wide (GlobalConfiguration), so tests that start Hangfire servers run
/// alone, never beside another host starting up.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class JobsCollection
{
    public const string Name = "Hangfire servers";
}
