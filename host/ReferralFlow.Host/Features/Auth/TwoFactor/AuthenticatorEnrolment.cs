using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Auth.TwoFactor;

/// <summary>Whether my account uses two-factor sign-in, whether it must, and how many recovery codes are left.</summary>
public sealed record TwoFactorStatus(bool Enabled, bool Required, int RecoveryCodesLeft);

/// <summary>
/// The shared key to type into an authenticator app (groups of four) and the same as an <c>otpauth://</c> URI (what a QR
/// code carries). Each request makes a new key until one is confirmed with a code.
/// </summary>
public sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri);

/// <summary>The code the authenticator app shows, to confirm the set-up.</summary>
public sealed record VerifyAuthenticatorRequest([Required] string? Code);

/// <summary>Ten recovery codes, shown only now: each signs in once in place of an authenticator code.</summary>
public sealed record RecoveryCodes(IReadOnlyList<string> Codes);

/// <summary>
/// Enrolment of a TOTP authenticator (RFC 6238, ASP.NET Core Identity's authenticator support) for the signed-in
/// account, used by <c>/api/auth/two-factor…</c> and the page <c>/account/two-factor</c>. Identity renews the security
/// stamp on each change: the session in use adopts it (a cookie is re-issued), the account's other sessions end.
/// </summary>
public sealed class AuthenticatorEnrolment(
    UserManager<User> users, CurrentUser me, TwoFactorRules rules, SessionSignIn signIns, UserSessions sessions, IHttpContextAccessor http)
{
    public const string Issuer = "ReferralFlow";
    public const int RecoveryCodeCount = 10;

    public async Task<TwoFactorStatus> StatusAsync()
    {
        var user = await CurrentAsync();
        return new TwoFactorStatus(user.TwoFactorEnabled, rules.IsRequired(await users.GetRolesAsync(user), me.District), await users.CountRecoveryCodesAsync(user));
    }

    /// <summary>A new shared key (409 <c>two-factor-already-enabled</c> once enrolled: an administrator resets it).</summary>
    public async Task<AuthenticatorSetup> StartAsync() => await SetupAsync(await CurrentAsync(), renew: true);

    /// <summary>The key of a set-up begun earlier (a new one when none was begun).</summary>
    public async Task<AuthenticatorSetup> CurrentSetupAsync()
    {
        var user = await CurrentAsync();
        return await SetupAsync(user, renew: string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)));
    }

    /// <summary>Confirms the set-up with a code from the app: two-factor sign-in is on, and the recovery codes are made.</summary>
    public async Task<RecoveryCodes> VerifyAsync(string? code)
    {
        var user = await CurrentAsync();
        if (user.TwoFactorEnabled)
        {
            throw ApiException.Conflict(ProblemCode.TwoFactorAlreadyEnabled);
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            throw ApiException.Invalid("code", ProblemCode.FieldRequired, ProblemLabel.AuthenticatorCode);
        }

        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            throw ApiException.Conflict(ProblemCode.TwoFactorKeyMissing);
        }

        var normalized = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, normalized))
        {
            throw ApiException.Invalid("code", ProblemCode.TwoFactorInvalid);
        }

        Require(await users.SetTwoFactorEnabledAsync(user, true));
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? [];
        await RenewCookieAsync(user);
        return new RecoveryCodes([.. codes]);
    }

    private async Task<AuthenticatorSetup> SetupAsync(User user, bool renew)
    {
        if (user.TwoFactorEnabled)
        {
            throw ApiException.Conflict(ProblemCode.TwoFactorAlreadyEnabled);
        }

        if (renew)
        {
            Require(await users.ResetAuthenticatorKeyAsync(user));
            await RenewCookieAsync(user);
        }

        var key = await users.GetAuthenticatorKeyAsync(user) ?? "";
        var account = Uri.EscapeDataString(user.Email ?? user.Id.ToString());
        var uri = string.Create(CultureInfo.InvariantCulture, $"otpauth://totp/{Issuer}:{account}?secret={key}&issuer={Issuer}&digits=6");
        return new AuthenticatorSetup(Group(key), uri);
    }

    private async Task<User> CurrentAsync() =>
        await users.FindByIdAsync(me.Id.ToString()) ?? throw new ApiException(StatusCodes.Status401Unauthorized, ProblemCode.Unauthorized, ProblemCode.Unauthorized);

    // Sessions are bound to the security stamp, which Identity renews here: this session adopts the new one (other
    // sessions of the account end, as after a password change), and a cookie is re-issued with it.
    private async Task RenewCookieAsync(User user)
    {
        if (me.SessionId is not { } session)
        {
            return;
        }

        await sessions.AdoptStampAsync(session, user.SecurityStamp ?? "", http.HttpContext?.RequestAborted ?? default);
        if (http.HttpContext is { } context && !AuthExtensions.UsesBearer(context.Request))
        {
            await signIns.SignInCookieAsync(user, session);
        }
    }

    private static string Group(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4)))).Select(s => s.ToLowerInvariant()));

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
