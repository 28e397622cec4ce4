using ReferralFlow.Workflows.Execution;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// A running instance cannot move to the requested version: some node holding a token or a pending timer has no
/// counterpart there (hosts answer 409 listing <see cref="UnmappedNodeIds"/>). Nothing was changed.
/// </summary>
public sealed class InstanceMigrationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="problems">Every reason, one per node and difference.</param>
    public InstanceMigrationException(string message, IReadOnlyList<MigrationProblem> problems)
        : base(message) => Problems = problems;

    /// <summary>Creates the exception.</summary>
    public InstanceMigrationException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public InstanceMigrationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InstanceMigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Why the move is refused.</summary>
    public IReadOnlyList<MigrationProblem> Problems { get; } = [];

    /// <summary>The distinct node ids of <see cref="Problems"/>, in order.</summary>
    public IReadOnlyList<string> UnmappedNodeIds => Problems.Select(p => p.NodeId).Distinct(StringComparer.Ordinal).ToList();
}
