using ReferralFlow.Notifications.MailKit;

namespace ReferralFlow.Host.Features.Notifications;

public static class NotificationsFeature
{
    public static IServiceCollection AddNotificationsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddReferralFlowMail(configuration);
        services.Configure<NotificationOptions>(configuration.GetSection("Notifications"));
        services.AddScoped<RecipientResolver>();
        services.AddScoped<OutboxDispatcher>();
        return services;
    }
}
