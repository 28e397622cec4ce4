using Microsoft.EntityFrameworkCore;

namespace ReferralFlow.Workflows.Persistence.Tests.Infrastructure;

/// <summary>A database provider under test: hands out fresh, migrated databases so every test is isolated.</summary>
public interface IDatabaseFixture
{
    /// <summary>Creates an empty database, applies the provider's migrations and returns its connection string.</summary>
    Task<string> CreateMigratedDatabaseAsync(CancellationToken cancellationToken);

    /// <summary>Points the options at a database created by <see cref="CreateMigratedDatabaseAsync"/>.</summary>
    void UseDatabase(DbContextOptionsBuilder builder, string connectionString);
}
