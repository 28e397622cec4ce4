namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// Another writer changed the row first (an instance, or a definition draft): the caller's view is stale.
/// Hosts answer 409 with <see cref="CurrentRevision"/> so the client can reload.
/// </summary>
public sealed class ConcurrencyConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What conflicted.</param>
    /// <param name="currentRevision">The revision now stored, if the row still exists.</param>
    /// <param name="innerException">The provider's concurrency exception, if any.</param>
    public ConcurrencyConflictException(string message, int? currentRevision, Exception? innerException = null)
        : base(message, innerException) => CurrentRevision = currentRevision;

    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ConcurrencyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The revision now stored, if known.</summary>
    public int? CurrentRevision { get; }
}
