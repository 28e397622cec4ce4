using Microsoft.AspNetCore.Identity;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>The second factor of a sign-in whose password was right.</summary>
public enum SecondFactor
{
    /// <summary>The account has no authenticator, or the code or recovery code was right.</summary>
    Passed,

    /// <summary>The account has an authenticator and no code came with the password.</summary>
    Missing,

    /// <summary>The code or recovery code was wrong (counts as a failed sign-in).</summary>
    Invalid,
}

/// <summary>The outcome of a sign-in check: the user, or a failure, or a wait imposed by the back-off.</summary>
/// <param name="User">The user when both factors passed.</param>
/// <param name="RetryAfter">The wait imposed by the back-off.</param>
/// <param name="SecondFactor">With a right password: whether the second factor is still missing or was wrong.</param>
/// <param name="Pending">The user whose password was right but whose second factor is missing.</param>
public readonly record struct SignInOutcome(User? User, TimeSpan? RetryAfter, SecondFactor SecondFactor = SecondFactor.Passed, User? Pending = null)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Checks an email and password for the API and the sign-in page alike. Unknown email, wrong password, a deactivated or
/// an administratively locked account all fail the same way (and take the same time: an unknown email still costs
/// one password hash); failures feed <see cref="SignInThrottling"/>. An account with an authenticator also needs its
/// TOTP code or one of its recovery codes: a wrong one is a failure like a wrong password, and only a complete sign-in
/// clears the failures.
/// </summary>
public sealed class PasswordSignIn(UserManager<User> users, SignInThrottling throttling)
{
    private static readonly Lazy<(User User, string Hash)> Dummy = new(() =>
    {
        var user = new User();
        return (user, new PasswordHasher<User>().HashPassword(user, Guid.NewGuid().ToString()));
    });

    public async Task<SignInOutcome> CheckAsync(
        string email, string password, string clientAddress, CancellationToken cancellationToken, string? twoFactorCode = null, string? recoveryCode = null)
    {
        email = email.Trim();
        if (await throttling.WaitAsync(email, clientAddress, cancellationToken) is { } wait)
        {
            return new SignInOutcome(null, wait);
        }

        var user = await users.FindByEmailAsync(email);
        bool valid;
        if (user is null)
        {
            _ = users.PasswordHasher.VerifyHashedPassword(Dummy.Value.User, Dummy.Value.Hash, password);
            valid = false;
        }
        else
        {
            valid = await users.CheckPasswordAsync(user, password) && user.IsActive && !await users.IsLockedOutAsync(user);
        }

        if (!valid)
        {
            await throttling.RecordFailureAsync(email, clientAddress, cancellationToken);
            return new SignInOutcome(null, null);
        }

        return await SecondFactorAsync(user!, email, clientAddress, twoFactorCode, recoveryCode, cancellationToken);
    }

    /// <summary>The second step of the sign-in page: the code for a user whose password was checked a moment ago.</summary>
    public async Task<SignInOutcome> CheckSecondFactorAsync(User user, string code, string clientAddress, CancellationToken cancellationToken)
    {
        var email = user.Email ?? "";
        if (await throttling.WaitAsync(email, clientAddress, cancellationToken) is { } wait)
        {
            return new SignInOutcome(null, wait);
        }

        if (!user.IsActive || await users.IsLockedOutAsync(user))
        {
            return new SignInOutcome(null, null);
        }

        // Six digits are an authenticator code; anything else is tried as a recovery code.
        var trimmed = Normalize(code);
        return trimmed.Length == 6 && trimmed.All(char.IsAsciiDigit)
            ? await SecondFactorAsync(user, email, clientAddress, trimmed, null, cancellationToken)
            : await SecondFactorAsync(user, email, clientAddress, null, code, cancellationToken);
    }

    private async Task<SignInOutcome> SecondFactorAsync(
        User user, string email, string clientAddress, string? twoFactorCode, string? recoveryCode, CancellationToken cancellationToken)
    {
        if (user.TwoFactorEnabled)
        {
            bool passed;
            if (!string.IsNullOrWhiteSpace(twoFactorCode))
            {
                passed = await users.VerifyTwoFactorTokenAsync(user, TokenOptions.DefaultAuthenticatorProvider, Normalize(twoFactorCode));
            }
            else if (!string.IsNullOrWhiteSpace(recoveryCode))
            {
                passed = (await users.RedeemTwoFactorRecoveryCodeAsync(user, recoveryCode.Trim())).Succeeded;
            }
            else
            {
                return new SignInOutcome(null, null, SecondFactor.Missing, user);
            }

            if (!passed)
            {
                await throttling.RecordFailureAsync(email, clientAddress, cancellationToken);
                return new SignInOutcome(null, null, SecondFactor.Invalid);
            }
        }

        await throttling.RecordSuccessAsync(email, clientAddress, cancellationToken);
        return new SignInOutcome(user, null);
    }

    private static string Normalize(string code) => code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Trim();
}
