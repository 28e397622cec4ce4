using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ReferralFlow.Notifications.MailKit;

public static class MailServiceCollectionExtensions
{
    /// <summary>Binds <c>Mail:*</c> (refusing to start with plain-text SMTP credentials) and registers SMTP delivery when a host is configured, else the pickup folder.</summary>
    public static IServiceCollection AddReferralFlowMail(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Mail");
        services.AddOptions<MailOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
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
