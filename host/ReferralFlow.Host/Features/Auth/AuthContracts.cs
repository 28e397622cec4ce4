namespace ReferralFlow.Host.Features.Auth;

/// <summary>
/// Email and password for <c>POST /api/auth/login</c>; with two-factor sign-in also the authenticator's 6-digit code or
/// one of the recovery codes (each works once).
/// </summary>
public sealed record LoginRequest(string Email, string Password, string? TwoFactorCode = null, string? RecoveryCode = null);

/// <summary>
/// A bearer session's tokens: send the access token as <c>Authorization: Bearer …</c> until it expires (after
/// <c>expiresIn</c> seconds), then exchange the refresh token at <c>POST /api/auth/refresh</c> for new ones. A refresh
/// token works once and expires at <c>refreshTokenExpiresAt</c> unless used before.
/// </summary>
public sealed record TokenResponse(string TokenType, string AccessToken, int ExpiresIn, string RefreshToken, DateTimeOffset RefreshTokenExpiresAt);

/// <summary>The refresh token to exchange at <c>POST /api/auth/refresh</c>.</summary>
public sealed record RefreshTokenRequest(string RefreshToken);

/// <summary>Optional body of <c>POST /api/auth/logout</c>: a refresh token whose session should end too.</summary>
public sealed record LogoutRequest(string? RefreshToken);

/// <summary>The current and the new password for <c>POST /api/auth/password</c>.</summary>
public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);
