namespace ReferralFlow.Workflows.Model;

/// <summary>A timer: a duration, optionally repeated (<c>timeCycle</c> <c>R3/P1D</c>).</summary>
/// <param name="Duration">Time from activation (or from the previous firing) to firing.</param>
/// <param name="Repetitions">How many times a cycle fires; 1 for a plain duration, null for unbounded.</param>
public sealed record TimerDefinition(IsoDuration Duration, int? Repetitions = 1)
{
    /// <summary>True when the timer fires more than once.</summary>
    public bool IsCycle => Repetitions is null or > 1;
}
