using ReferralFlow.Host.Features.Administration;
using ReferralFlow.Host.Features.Agencies;
using ReferralFlow.Host.Features.Alerts;
using ReferralFlow.Host.Features.Allocations;
using ReferralFlow.Host.Features.Audit;
using ReferralFlow.Host.Features.Auth;
using ReferralFlow.Host.Features.Bell;
using ReferralFlow.Host.Features.Calendar;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Features.Collaboration;
using ReferralFlow.Host.Features.Consents;
using ReferralFlow.Host.Features.Demo;
using ReferralFlow.Host.Features.DesignerSupport;
using ReferralFlow.Host.Features.Escalation;
using ReferralFlow.Host.Features.Notifications;
using ReferralFlow.Host.Features.Referrals;
using ReferralFlow.Host.Features.Repair;
using ReferralFlow.Host.Features.Reports;
using ReferralFlow.Host.Features.Retention;
using ReferralFlow.Host.Features.Tasks;
using ReferralFlow.Host.Features.Transfers;
using ReferralFlow.Host.Features.Workflows;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features;

/// <summary>Each feature is a folder: its use cases, one file each, and one <c>Add…</c>/<c>Map…</c> pair.</summary>
public static class FeatureExtensions
{
    public static IServiceCollection AddReferralFlowFeatures(this IServiceCollection services, IConfiguration configuration) =>
        services
            .AddCalendarFeature(configuration)
            .AddEscalationFeature(configuration)
            .AddNotificationsFeature(configuration)
            .AddAlertsFeature(configuration)
            .AddBellFeature()
            .AddRetentionFeature()
            .AddAuthFeature()
            .AddAgenciesFeature()
            .AddAllocationsFeature()
            .AddWorkflowsFeature()
            .AddCaseViews()
            .AddReferralsFeature()
            .AddConsentsFeature()
            .AddTransfersFeature()
            .AddTasksFeature()
            .AddReportsFeature()
            .AddDesignerSupportFeature()
            .AddAuditFeature()
            .AddRepairFeature()
            .AddCollaborationFeature()
            .AddAdministrationFeature(configuration)
            .AddDemoFeature();

    public static WebApplication MapReferralFlowFeatures(this WebApplication app)
    {
        // Every API endpoint refuses query parameters it does not declare and resident numbers in its body (400 naming them).
        var api = app.MapGroup("/api").RejectUnknownQueryParameters().RejectResidentNumbers();
        api.MapGroup("/auth").WithTags("Auth").MapAuth();
        api.MapGroup("/agencies").WithTags("Agencies").RequireAuthorization().MapAgencies();
        api.MapGroup("/role-allocations").WithTags("Role allocations").RequireAuthorization().MapAllocations();
        api.MapGroup("/workflows").WithTags("Workflows").RequireAuthorization().MapWorkflows();
        api.MapGroup("/referrals").WithTags("Referrals").RequireAuthorization().MapReferrals();
        api.MapGroup("/referrals").WithTags("Consents").RequireAuthorization().MapConsents();
        api.MapGroup("/referrals").WithTags("Transfers").RequireAuthorization().MapReferralTransfers();
        api.MapGroup("/transfers").WithTags("Transfers").RequireAuthorization().MapTransfers();
        api.MapGroup("/tasks").WithTags("Tasks").RequireAuthorization().MapTasks();
        api.MapGroup("/reports").WithTags("Reports").RequireAuthorization().MapReports();
        api.MapGroup("").WithTags("Collaboration").RequireAuthorization().MapCollaboration();
        api.MapGroup("/outbox").WithTags("Outbox").RequireAuthorization(Infrastructure.Auth.Policies.SystemAdmin).MapNotifications();
        api.MapGroup("/notifications").WithTags("Notifications").RequireAuthorization().MapBell();
        api.MapGroup("/notification-preferences").WithTags("Notifications").RequireAuthorization().MapAlertPreferences();
        api.MapGroup("/audit").WithTags("Audit").RequireAuthorization().MapAudit();
        api.MapGroup("/designer").WithTags("Designer").RequireAuthorization().MapDesignerSupport();
        api.MapGroup("/admin").WithTags("Administration").RequireAuthorization().MapAdministration();
        api.MapGroup("/invitations").WithTags("Administration").MapInvitations();
        api.MapGroup("/repair").WithTags("Repair").RequireAuthorization(Infrastructure.Auth.Policies.SystemAdmin).MapRepair();
        return app;
    }
}
