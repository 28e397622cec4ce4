using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Calendar;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>
/// Hands out referral numbers <c>YYYY-NNNNNN</c>, counting per year. One upsert on the counter row inside the opening
/// transaction: concurrent openers queue on that row (PostgreSQL row lock, SQLite's single writer) until commit, so numbers
/// are unique, and a rolled-back opening gives its number back.
/// </summary>
public sealed class ReferralNumbers(ReferralFlowDbContext db, KoreaTime korea)
{
    private const string Upsert = """
        INSERT INTO referral_number_counters (year, last_number) VALUES (@year, 1)
        ON CONFLICT (year) DO UPDATE SET last_number = referral_number_counters.last_number + 1
        RETURNING last_number
        """;

    /// <summary>The next number; call it inside the unit of work that inserts the referral.</summary>
    public async Task<string> NextAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Referral numbers are handed out only inside the opening transaction.");
        // Referrals are numbered by the Korean calendar year.
        var year = korea.Year(now);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = Upsert;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@year";
        parameter.Value = year;
        command.Parameters.Add(parameter);
        var next = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{next:D6}");
    }
}
