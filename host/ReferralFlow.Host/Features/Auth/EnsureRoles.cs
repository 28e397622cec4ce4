using Microsoft.AspNetCore.Identity;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Database;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>Creates the system-wide Identity roles on first start.</summary>
internal sealed class EnsureRoles : IStartupTask
{
    public int Order => 0;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
        }
    }
}
