using Hangfire.Dashboard;
using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Infrastructure.Jobs;

/// <summary>Only signed-in system administrators see the Hangfire dashboard.</summary>
internal sealed class SystemAdminDashboardFilter : IDashboardAsyncAuthorizationFilter
{
    public Task<bool> AuthorizeAsync(DashboardContext context) =>
        Task.FromResult(context.GetHttpContext().User.IsInRole(Roles.SystemAdmin));
}
