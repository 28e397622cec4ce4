using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Database;

namespace ReferralFlow.Host.Features.Administration.Settings;

/// <summary>Loads every district's settings before the server takes requests.</summary>
internal sealed class LoadDistrictSettings : IStartupTask
{
    public int Order => 50;

    public Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<DistrictSettingsStore>().ReloadAsync(services.GetRequiredService<ReferralFlowDbContext>(), cancellationToken);
}

/// <summary>
/// Re-reads the settings every <c>Administration:SettingsRefreshInterval</c> (default 30 seconds) so that a change saved
/// through another host process takes effect here too; this process's own changes take effect at once.
/// </summary>
internal sealed partial class DistrictSettingsRefresh(
    IServiceScopeFactory scopes, DistrictSettingsStore store, IConfiguration configuration, TimeProvider time, ILogger<DistrictSettingsRefresh> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Administration:SettingsRefreshInterval", TimeSpan.FromSeconds(30));
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await store.ReloadAsync(scope.ServiceProvider.GetRequiredService<ReferralFlowDbContext>(), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogRefreshFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-reading the district settings failed; the last ones stay in effect.")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
