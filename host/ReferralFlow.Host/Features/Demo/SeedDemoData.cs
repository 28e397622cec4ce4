using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Database;

namespace ReferralFlow.Host.Features.Demo;

/// <summary>
/// Creates the demo agencies, workers and allocations (idempotent), only where <see cref="DemoData.Allowed"/>. The shared
/// demo password is written to the log only in Development, where the README tells you to read it from there.
/// </summary>
internal sealed partial class SeedDemoData(DatabaseOptions options, IHostEnvironment environment, TimeProvider time, ILogger<SeedDemoData> logger) : IStartupTask
{
    public int Order => 100;

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (!options.SeedDemo)
        {
            return;
        }

        if (!DemoData.Allowed(environment))
        {
            LogRefused(logger, environment.EnvironmentName);
            return;
        }

        var db = services.GetRequiredService<ReferralFlowDbContext>();
        var users = services.GetRequiredService<UserManager<User>>();
        var now = time.GetUtcNow();
        var known = await db.Agencies.Select(a => a.Id).ToListAsync(cancellationToken);
        foreach (var agency in DemoData.Agencies.Where(a => !known.Contains(a.Id)))
        {
            agency.CreatedAt = now;
            db.Agencies.Add(agency);
        }

        foreach (var district in DemoData.Districts)
        {
            if (await db.RoleAllocationDefaults.AnyAsync(a => a.District == district, cancellationToken))
            {
                continue;
            }

            foreach (var (dong, role, agency) in DemoData.Allocations(district))
            {
                db.RoleAllocationDefaults.Add(new RoleAllocationDefault
                {
                    Id = Guid.CreateVersion7(now),
                    District = district,
                    Dong = dong,
                    RoleKey = role,
                    AgencyId = agency,
                    UpdatedAt = now,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (login, name, agencyId, roles) in DemoData.Users)
        {
            var email = DemoData.Email(login);
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var user = new User { Id = Guid.CreateVersion7(now), UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, AgencyId = agencyId, CreatedAt = now };
            var created = await users.CreateAsync(user, DemoData.Password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }

            await users.AddToRolesAsync(user, roles);
        }

        if (environment.IsDevelopment())
        {
            LogSeeded(logger, DemoData.Users.Count, DemoData.EmailDomain, DemoData.Password);
        }
        else
        {
            LogSeededQuietly(logger, DemoData.Users.Count, DemoData.EmailDomain);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data is seeded only in the Development environment, not in {Environment}: --seed-demo / Demo:Seed is ignored. Set ASPNETCORE_ENVIRONMENT=Development to try ReferralFlow with demo data.")]
    private static partial void LogRefused(ILogger logger, string environment);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo data ready: {Count} demo workers, e.g. nangok-dong.worker@{Domain}, gwanak-hub.admin@{Domain}, gwanak-hub.districtadmin@{Domain}; password for all: {Password}")]
    private static partial void LogSeeded(ILogger logger, int count, string domain, string password);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data ready: {Count} demo workers, e.g. nangok-dong.worker@{Domain} (the password is logged in Development only).")]
    private static partial void LogSeededQuietly(ILogger logger, int count, string domain);
}
