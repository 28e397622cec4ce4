using Microsoft.AspNetCore.Identity;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>The outcome of a password check: the user, or a failure, or a wait imposed by the back-off.</summary>
public readonly record struct SignInOutcome(User? User, TimeSpan? RetryAfter)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Checks an email and password for the API and the sign-in page alike. Unknown email, wrong password, a deactivated or
/// an administratively locked account all fail the same way (and take the same time: an unknown email still costs
/// one password hash); failures feed <see cref="SignInThrottling"/>.
/// </summary>
public sealed class PasswordSignIn(UserManager<User> users, SignInThrottling throttling)
{
    private static readonly Lazy<(User User, string Hash)> Dummy = new(() =>
    {
        var user = new User();
        return (user, new PasswordHasher<User>().HashPassword(user, Guid.NewGuid().ToString()));
    });

    public async Task<SignInOutcome> CheckAsync(string email, string password, string clientAddress, CancellationToken cancellationToken)
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

        await throttling.RecordSuccessAsync(email, clientAddress, cancellationToken);
        return new SignInOutcome(user, null);
    }
}
