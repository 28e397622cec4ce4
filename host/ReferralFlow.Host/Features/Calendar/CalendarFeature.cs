namespace ReferralFlow.Host.Features.Calendar;

public static class CalendarFeature
{
    public static IServiceCollection AddCalendarFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CalendarOptions>(configuration.GetSection(CalendarOptions.Section));
        return services.AddSingleton<KoreaTime>();
    }
}
