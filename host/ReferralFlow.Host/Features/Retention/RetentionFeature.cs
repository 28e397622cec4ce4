namespace ReferralFlow.Host.Features.Retention;

public static class RetentionFeature
{
    public static IServiceCollection AddRetentionFeature(this IServiceCollection services) =>
        services.AddScoped<RetentionSweep>().AddScoped<DormantReferralReview>();
}
