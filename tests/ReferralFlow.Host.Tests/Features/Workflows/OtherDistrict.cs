using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Features.Workflows;
using ReferralFlow.Host.Tests.Infrastructure;
using ReferralFlow.Workflows.Parsing;
using ReferralFlow.Workflows.Templates;

namespace ReferralFlow.Host.Tests.Features.Workflows;

/// <summary>
/// A second district beside the demo's 관악구: 서초구 with one dong centre and its workers (<c>seocho-dong.designer</c>,
/// <c>seocho-dong.worker</c>, demo password), which fills every role, and the bundled templates installed as a restart would.
/// </summary>
internal static class OtherDistrict
{
    public const string District = "서초구";

    public const string AgencyId = "seocho-dong";

    public const string Designer = "seocho-dong.designer";

    public const string Worker = "seocho-dong.worker";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task EnsureAsync(HostFixture host)
    {
        await using var scope = host.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ReferralFlowDbContext>();
        if (await db.Agencies.AnyAsync(a => a.Id == AgencyId, Ct))
        {
            return;
        }

        var now = host.Clock.GetUtcNow();
        db.Agencies.Add(new Agency
        {
            Id = AgencyId,
            Name = "서초동 주민센터",
            Kind = AgencyKind.DongCentre,
            IsPublic = true,
            District = District,
            Dong = "서초동",
            CreatedAt = now,
            Email = $"{AgencyId}@{DemoData.EmailDomain}",
        });
        // The one agency fills every role the bundled templates use, so they validate in this district too.
        var workflowRoles = BundledTemplates.All.SelectMany(t => BpmnParser.Parse(t.Xml).Definition!.Roles.Select(r => r.Key)).Append("dong").Distinct();
        foreach (var role in workflowRoles)
        {
            db.RoleAllocationDefaults.Add(new RoleAllocationDefault { Id = Guid.NewGuid(), District = District, RoleKey = role, AgencyId = AgencyId, UpdatedAt = now });
        }

        await db.SaveChangesAsync(Ct);
        var users = services.GetRequiredService<UserManager<User>>();
        foreach (var (login, roles) in new[] { (Designer, new[] { Roles.Worker, Roles.Designer }), (Worker, new[] { Roles.Worker }) })
        {
            var user = new User { Id = Guid.NewGuid(), UserName = DemoData.Email(login), Email = DemoData.Email(login), EmailConfirmed = true, DisplayName = login, AgencyId = AgencyId, CreatedAt = now };
            Assert.True((await users.CreateAsync(user, DemoData.Password)).Succeeded);
            await users.AddToRolesAsync(user, roles);
        }

        await new InstallBundledTemplates(NullLogger<InstallBundledTemplates>.Instance).RunAsync(services, Ct);
    }
}
