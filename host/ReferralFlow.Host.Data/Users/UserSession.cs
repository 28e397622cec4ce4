namespace ReferralFlow.Host.Data;

/// <summary>How a session was opened: a browser cookie (pages, designer) or bearer tokens with a refresh token (API clients).</summary>
public enum SessionKind
{
    Cookie,
    Bearer,
}

/// <summary>
/// One sign-in. Every cookie and access token carries the session's id and is accepted only while the session is
/// live: not revoked, not past its absolute or idle expiry, the user still active and with the security stamp the
/// session was opened with. Revoking the session (sign-out, deactivation, password or role change, refresh-token reuse)
/// ends its cookie or tokens at once.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public SessionKind Kind { get; set; }

    /// <summary>The user's security stamp when the session was opened; a new stamp (e.g. another password) ends the session.</summary>
    public string SecurityStamp { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last use, written at most once a minute; with the idle timeout of the kind it ends a forgotten session.</summary>
    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>Absolute end, however active the session is.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary><c>signed-out</c>, <c>password-changed</c>, <c>deactivated</c>, <c>roles-changed</c>, <c>refresh-token-reused</c>.</summary>
    public string? RevokedReason { get; set; }
}

/// <summary>
/// A refresh token of a bearer session, stored only as its SHA-256 hash. Each use consumes it and issues the next one
/// of the same family; presenting a consumed token again revokes the family (the whole session).
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; set; }

    /// <summary>The token family: the <see cref="UserSession"/> all rotations of one sign-in belong to.</summary>
    public Guid FamilyId { get; set; }

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public string TokenHash { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Sliding idle expiry, never past the session's absolute expiry.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When the token was exchanged for the next one.</summary>
    public DateTimeOffset? UsedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>
/// Failed sign-ins of one (account, client address) pair or of one client address, keyed by a SHA-256 hash (no email or
/// address stored): past a number of free failures the key is refused for an exponentially growing time.
/// </summary>
public sealed class SignInThrottle
{
    public string Key { get; set; } = "";

    public int Failures { get; set; }

    public DateTimeOffset LastFailureAt { get; set; }

    public DateTimeOffset? BlockedUntil { get; set; }
}
