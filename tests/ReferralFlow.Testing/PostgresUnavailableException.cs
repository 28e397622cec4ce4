namespace ReferralFlow.Testing;

/// <summary>No PostgreSQL server could be used or started; the message says what to install or configure.</summary>
public sealed class PostgresUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PostgresUnavailableException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public PostgresUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public PostgresUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
