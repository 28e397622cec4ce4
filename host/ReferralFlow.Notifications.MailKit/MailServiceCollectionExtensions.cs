using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ReferralFlow.Notifications.MailKit;

public static class MailServiceCollectionExtensions
{
    /// <summary>Binds <c>Mail:*</c> and registers SMTP delivery when a host is configured, else the pickup folder.</summary>
    public static IServiceCollection AddReferralFlowMail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Mail");
        services.Configure<MailOptions>(section);
        if (string.IsNullOrWhiteSpace(section["Smtp:Host"]))
        {
            services.AddSingleton<IMailTransport, PickupDirectoryTransport>();
        }
        else
        {
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }

        return services;
    }
}
