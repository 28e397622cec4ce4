using Microsoft.AspNetCore.Identity;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>
/// Account changes that must end a worker's sessions. Deactivation has no endpoint yet (district administration will
/// add one); whoever deactivates a worker goes through here. Even a direct <c>IsActive = false</c> ends the sessions on
/// the next request, since every request checks the user's state.
/// </summary>
public sealed class UserAccounts(UserManager<User> users, SessionRevocation revocation)
{
    /// <summary>The worker can no longer sign in; their cookies and tokens stop working at once. False if no such user.</summary>
    public async Task<bool> DeactivateAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(userId.ToString()) is not { } user)
        {
            return false;
        }

        user.IsActive = false;
        var result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        await revocation.RevokeAllAsync(userId, SessionRevocation.Deactivated, cancellationToken);
        return true;
    }
}
