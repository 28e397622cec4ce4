namespace ReferralFlow.Host.Features.CaseViews;

/// <summary>
/// What the Referrals and Tasks features share, so neither imports the other: who may see which referral and task
/// (<see cref="ReferralAccess"/>), agency and user references, outcome entries and the user-name lookup.
/// </summary>
public static class CaseViewsFeature
{
    public static IServiceCollection AddCaseViews(this IServiceCollection services) => services.AddScoped<ReferralAccess>();
}
