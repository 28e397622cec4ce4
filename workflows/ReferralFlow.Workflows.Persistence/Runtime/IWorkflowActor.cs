namespace ReferralFlow.Workflows.Persistence;

/// <summary>Tells the runtime who is acting, so timeline rows record it (the host implements it per request).</summary>
public interface IWorkflowActor
{
    /// <summary>The acting user's id, or null for the system (timers, jobs).</summary>
    string? Actor { get; }
}
