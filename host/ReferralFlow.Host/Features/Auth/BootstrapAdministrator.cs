using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Database;

namespace ReferralFlow.Host.Features.Auth;

/// <summary>
/// Creates the first system administrator in a new production database from <c>Bootstrap:*</c> (email, password,
/// agency id, name and district) when no administrator exists yet; afterwards the settings are ignored and can be
/// removed. Without it a fresh production installation would have nobody who can sign in.
/// </summary>
internal sealed partial class BootstrapAdministrator(IConfiguration configuration, TimeProvider time, ILogger<BootstrapAdministrator> logger) : IStartupTask
{
    public int Order => 20;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var section = configuration.GetSection("Bootstrap");
        var email = section["AdminEmail"];
        var password = section["AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return;
        }

        var users = services.GetRequiredService<UserManager<User>>();
        if ((await users.GetUsersInRoleAsync(Roles.SystemAdmin)).Count > 0)
        {
            return;
        }

        var db = services.GetRequiredService<ReferralFlowDbContext>();
        var now = time.GetUtcNow();
        var agencyId = section["AgencyId"] ?? "district-hub";
        if (!await db.Agencies.AnyAsync(a => a.Id == agencyId, cancellationToken))
        {
            db.Agencies.Add(new Agency
            {
                Id = agencyId,
                Name = section["AgencyName"] ?? "희망복지지원단",
                Kind = AgencyKind.DistrictHub,
                IsPublic = true,
                District = section["District"] ?? "",
                CreatedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        var admin = new User { Id = Guid.CreateVersion7(now), UserName = email, Email = email, EmailConfirmed = true, DisplayName = "시스템 관리자", AgencyId = agencyId, CreatedAt = now };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Bootstrap:AdminEmail could not be created: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }

        await users.AddToRolesAsync(admin, [Roles.SystemAdmin, Roles.DistrictHub, Roles.Designer]);
        LogCreated(logger, email);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first system administrator {Email}; remove Bootstrap:AdminPassword from the configuration.")]
    private static partial void LogCreated(ILogger logger, string email);
}
