using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace ReferralFlow.Host.Infrastructure.Auth;

/// <summary>
/// Access tokens: the signed-in principal with its session id, protected by the shared Data Protection key ring
/// (so any host process reads them) and short-lived; renewed with a refresh token.
/// </summary>
public sealed class AccessTokens(IDataProtectionProvider protection, TimeProvider time, IOptions<AuthOptions> options)
{
    private readonly TicketDataFormat _format = new(protection.CreateProtector("ReferralFlow.AccessToken", "v1"));

    public TimeSpan Lifetime => options.Value.AccessTokenLifetime;

    public string Issue(ClaimsPrincipal principal)
    {
        var now = time.GetUtcNow();
        return _format.Protect(new AuthenticationTicket(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + Lifetime }, SessionBearerHandler.SchemeName));
    }

    /// <summary>The ticket of a genuine, unexpired token; null otherwise.</summary>
    public AuthenticationTicket? Read(string token)
    {
        var ticket = _format.Unprotect(token);
        return ticket?.Properties.ExpiresUtc is { } expires && expires > time.GetUtcNow() ? ticket : null;
    }
}

/// <summary><c>Authorization: Bearer …</c>: an access token whose session is still live.</summary>
public sealed class SessionBearerHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessTokens tokens, UserSessions sessions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ReferralFlow.Bearer";

    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var ticket = tokens.Read(header[Prefix.Length..].Trim());
        if (ticket is null)
        {
            return AuthenticateResult.Fail("The access token is not valid or has expired.");
        }

        return UserSessions.SessionId(ticket.Principal) is { } session && await sessions.IsActiveAsync(session, Context.RequestAborted)
            ? AuthenticateResult.Success(ticket)
            : AuthenticateResult.Fail("The session of this access token has ended.");
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
