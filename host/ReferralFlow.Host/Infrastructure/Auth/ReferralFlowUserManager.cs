using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Infrastructure.Auth;

/// <summary>
/// Identity's user manager, with one rule added: a role change renews the security stamp and revokes the user's
/// sessions, so a cookie or token never outlives the roles it was issued for. (A password change renews the stamp in
/// Identity itself; sessions opened under the old stamp are refused.)
/// </summary>
public sealed class ReferralFlowUserManager : UserManager<User>
{
    private readonly IServiceProvider _services;

    public ReferralFlowUserManager(
        IUserStore<User> store, IOptions<IdentityOptions> optionsAccessor, IPasswordHasher<User> passwordHasher,
        IEnumerable<IUserValidator<User>> userValidators, IEnumerable<IPasswordValidator<User>> passwordValidators,
        ILookupNormalizer keyNormalizer, IdentityErrorDescriber errors, IServiceProvider services, ILogger<UserManager<User>> logger)
        : base(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger) =>
        _services = services;

    public override async Task<IdentityResult> AddToRoleAsync(User user, string role) =>
        await RolesChangedAsync(user, await base.AddToRoleAsync(user, role));

    public override async Task<IdentityResult> AddToRolesAsync(User user, IEnumerable<string> roles) =>
        await RolesChangedAsync(user, await base.AddToRolesAsync(user, roles));

    public override async Task<IdentityResult> RemoveFromRoleAsync(User user, string role) =>
        await RolesChangedAsync(user, await base.RemoveFromRoleAsync(user, role));

    public override async Task<IdentityResult> RemoveFromRolesAsync(User user, IEnumerable<string> roles) =>
        await RolesChangedAsync(user, await base.RemoveFromRolesAsync(user, roles));

    private async Task<IdentityResult> RolesChangedAsync(User user, IdentityResult result)
    {
        if (!result.Succeeded)
        {
            return result;
        }

        var stamped = await UpdateSecurityStampAsync(user);
        await _services.GetRequiredService<SessionRevocation>().RevokeAllAsync(user.Id, SessionRevocation.RolesChanged, CancellationToken);
        return stamped;
    }
}
