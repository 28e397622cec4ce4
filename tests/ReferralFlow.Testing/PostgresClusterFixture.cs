using Xunit;

namespace ReferralFlow.Testing;

/// <summary>
/// One throwaway PostgreSQL cluster for a whole test assembly: register it with
/// <c>[assembly: AssemblyFixture(typeof(PostgresClusterFixture))]</c> and take it in a test class's constructor.
/// </summary>
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
