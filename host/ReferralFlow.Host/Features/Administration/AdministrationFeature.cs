using ReferralFlow.Host.Features.Administration.Agencies;
using ReferralFlow.Host.Features.Administration.Invitations;
using ReferralFlow.Host.Features.Administration.Settings;
using ReferralFlow.Host.Features.Administration.Workers;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Infrastructure.Database;

namespace ReferralFlow.Host.Features.Administration;

/// <summary>
/// District administration: agencies and workers of a district, managed by its district administrator (구 관리자) or a
/// system administrator, and the one-time links that let invited workers set their password. Each use case is an
/// injected handler; the endpoints (<see cref="AdministrationEndpoints"/>) and the pages under <c>/admin</c> call the same ones.
/// </summary>
public static class AdministrationFeature
{
    public static IServiceCollection AddAdministrationFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AdministrationOptions>(configuration.GetSection("Administration"));
        services.AddScoped<AdminScope>().AddScoped<AdminAudit>().AddScoped<AdminMessages>().AddScoped<InvitationLinks>()
            .AddScoped<WorkerViews>().AddScoped<WorkerRotation>().AddScoped<IMessageDataSource, InvitationMailData>();
        services.AddScoped<ListAdminAgencies>().AddScoped<GetAdminAgency>().AddScoped<CreateAgency>().AddScoped<UpdateAgency>()
            .AddScoped<ChangeAgencyStatus>();
        services.AddScoped<ListWorkers>().AddScoped<GetWorker>().AddScoped<InviteWorker>().AddScoped<UpdateWorker>().AddScoped<MoveWorker>()
            .AddScoped<ChangeWorkerStatus>().AddScoped<ChangeWorkerLock>().AddScoped<ResetWorkerPassword>().AddScoped<ResetWorkerTwoFactor>();
        services.AddScoped<GetInvitation>().AddScoped<AcceptInvitation>();
        services.AddSingleton<DistrictSettingsStore>().AddScoped<IStartupTask, LoadDistrictSettings>().AddHostedService<DistrictSettingsRefresh>();
        services.AddScoped<GetDistrictSettings>().AddScoped<UpdateDistrictSettings>();
        return services;
    }
}
