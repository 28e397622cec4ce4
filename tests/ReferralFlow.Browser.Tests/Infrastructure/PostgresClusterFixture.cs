using ReferralFlow.Testing;

[assembly: AssemblyFixture(typeof(ReferralFlow.Browser.Tests.Infrastructure.PostgresClusterFixture))]

namespace ReferralFlow.Browser.Tests.Infrastructure;

/// <summary>One throwaway PostgreSQL cluster for the whole browser test assembly.</summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() => _server = await PostgresServer.StartAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
