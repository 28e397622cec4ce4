namespace ReferralFlow.Host.Infrastructure.Auth;

/// <summary><c>Auth:*</c>: session lifetimes, the sign-in back-off and the per-user rate limits.</summary>
public sealed class AuthOptions
{
    /// <summary>Sign-in attempts per client address per minute (then 429), whatever the outcome.</summary>
    public int SignInsPerMinute { get; set; } = 20;

    /// <summary>Lifetime of an access token; renew it with the refresh token.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Absolute lifetime of a bearer session (its refresh-token family): then sign in again.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A refresh token not used for this long expires (sliding).</summary>
    public TimeSpan RefreshTokenIdleTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>A browser session without a request for this long ends (a working day).</summary>
    public TimeSpan CookieIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Absolute lifetime of a browser session.</summary>
    public TimeSpan CookieLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often a cookie's claims (roles, name) are refreshed from the user and its security stamp checked.</summary>
    public TimeSpan SecurityStampValidationInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed sign-ins of one account from one address before that pair is made to wait.</summary>
    public int FailuresBeforeBackoff { get; set; } = 5;

    /// <summary>Failed sign-ins from one address (any accounts) before the address is made to wait.</summary>
    public int AddressFailuresBeforeBackoff { get; set; } = 20;

    /// <summary>The first wait; each further failure doubles it, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan Backoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures are forgotten after this long without a new one.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Writes (POST, PUT, PATCH, DELETE under <c>/api</c>) per signed-in user per minute.</summary>
    public int WritesPerMinute { get; set; } = 60;

    /// <summary>Workflow validations and publications per signed-in user per minute.</summary>
    public int DesignerWritesPerMinute { get; set; } = 20;
}
