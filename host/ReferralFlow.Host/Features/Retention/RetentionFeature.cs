using ReferralFlow.Host.Infrastructure.Jobs;

namespace ReferralFlow.Host.Features.Retention;

public static class RetentionFeature
{
    public static IServiceCollection AddRetentionFeature(this IServiceCollection services) =>
        services.AddScoped<RetentionSweep>().AddScoped<DormantReferralReview>()
            // Nightly at 03:00 KST.
            .AddRecurringJob<RetentionSweep>("retention:anonymise", sweep => sweep.RunAsync(CancellationToken.None), "0 18 * * *");
}
