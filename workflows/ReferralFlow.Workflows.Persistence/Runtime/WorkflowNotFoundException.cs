namespace ReferralFlow.Workflows.Persistence;

/// <summary>A workflow key, version, instance or timer row does not exist (hosts answer 404).</summary>
public sealed class WorkflowNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowNotFoundException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
