using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ReferralFlow.Workflows.Persistence.Sqlite;

/// <summary>
/// Stores every <see cref="DateTimeOffset"/> as an INTEGER of microseconds since the Unix epoch (UTC).
/// </summary>
/// <remarks>
/// Public so other contexts on the same SQLite database (the host's) store instants the same way.
/// SQLite has no date type: EF Core's default TEXT form cannot be compared or ordered in SQL, so the timer sweep
/// (<c>due_at &lt;= @now order by due_at</c>) would not translate. Integers compare and sort natively, the same converter
/// applies to the <c>@now</c> parameter, and microseconds match PostgreSQL's <c>timestamptz</c> precision, so both
/// providers store exactly the same instants. Applied here rather than in the shared model so PostgreSQL keeps its
/// native <c>timestamptz</c> columns.
/// </remarks>
public sealed class SqliteWorkflowModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    private static readonly ValueConverter<DateTimeOffset, long> UnixMicroseconds = new(
        value => (value.UtcTicks - DateTimeOffset.UnixEpoch.Ticks) / 10,
        value => new DateTimeOffset(DateTimeOffset.UnixEpoch.Ticks + (value * 10), TimeSpan.Zero));

    /// <inheritdoc />
    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        base.Customize(modelBuilder, context);
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            if (property.ClrType == typeof(DateTimeOffset) || property.ClrType == typeof(DateTimeOffset?))
            {
                property.SetValueConverter(UnixMicroseconds);
            }
        }
    }
}
