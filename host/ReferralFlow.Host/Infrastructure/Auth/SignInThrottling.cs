using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Data;

namespace ReferralFlow.Host.Infrastructure.Auth;

/// <summary>
/// The sign-in back-off. Failures are counted per (email as typed, client address) pair and per client address; past
/// <see cref="AuthOptions.FailuresBeforeBackoff"/> (or <see cref="AuthOptions.AddressFailuresBeforeBackoff"/>) each
/// failure makes that key wait twice as long (from <see cref="AuthOptions.Backoff"/> up to
/// <see cref="AuthOptions.MaxBackoff"/>). The account itself is never locked: from another address the right password
/// still works, so an attacker slows only themselves. Unknown emails are counted exactly like known ones, so the
/// answers tell nothing about which accounts exist. State is in the database: every host process sees the same counts.
/// </summary>
public sealed class SignInThrottling(ReferralFlowDbContext db, TimeProvider time, IOptions<AuthOptions> options)
{
    /// <summary>How long the pair or the address must still wait; null when a sign-in may be tried now.</summary>
    public async Task<TimeSpan?> WaitAsync(string email, string address, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        string[] keys = [PairKey(email, address), AddressKey(address)];
        var until = await db.SignInThrottles.AsNoTracking().Where(t => keys.Contains(t.Key) && t.BlockedUntil > now)
            .Select(t => t.BlockedUntil!.Value).ToListAsync(cancellationToken);
        return until.Count == 0 ? null : until.Max() - now;
    }

    public async Task RecordFailureAsync(string email, string address, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var auth = options.Value;
        // Keys quiet for a whole window (and not waiting) start again from zero.
        await db.SignInThrottles.Where(t => t.LastFailureAt < now - auth.FailureWindow && (t.BlockedUntil == null || t.BlockedUntil < now))
            .ExecuteDeleteAsync(cancellationToken);
        await CountAsync(PairKey(email, address), auth.FailuresBeforeBackoff, now, cancellationToken);
        await CountAsync(AddressKey(address), auth.AddressFailuresBeforeBackoff, now, cancellationToken);
    }

    /// <summary>The right password clears its pair; the address count only fades, so one valid account can't reset it.</summary>
    public Task RecordSuccessAsync(string email, string address, CancellationToken cancellationToken)
    {
        var key = PairKey(email, address);
        return db.SignInThrottles.Where(t => t.Key == key).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>The client's address; IPv6 clients by their /64 network, since one host usually has a whole one.</summary>
    public static string ClientAddress(HttpContext context)
    {
        var ip = context.Connection.RemoteIpAddress;
        if (ip is null)
        {
            return "unknown";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            return ip.MapToIPv4().ToString();
        }

        if (ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return ip.ToString();
        }

        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    internal TimeSpan BackoffAfter(int failuresOverLimit)
    {
        var auth = options.Value;
        var factor = Math.Pow(2, Math.Min(failuresOverLimit - 1, 30));
        return TimeSpan.FromTicks((long)Math.Min(auth.Backoff.Ticks * factor, auth.MaxBackoff.Ticks));
    }

    private async Task CountAsync(string key, int free, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Incremented in SQL so parallel failures all count.
        var updated = await db.SignInThrottles.Where(t => t.Key == key)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Failures, t => t.Failures + 1).SetProperty(t => t.LastFailureAt, now), cancellationToken);
        if (updated == 0)
        {
            var row = new SignInThrottle { Key = key, Failures = 1, LastFailureAt = now };
            db.SignInThrottles.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // A parallel failure inserted the key first: count on its row.
                db.Entry(row).State = EntityState.Detached;
                await db.SignInThrottles.Where(t => t.Key == key)
                    .ExecuteUpdateAsync(s => s.SetProperty(t => t.Failures, t => t.Failures + 1).SetProperty(t => t.LastFailureAt, now), cancellationToken);
            }
            finally
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }

        var failures = await db.SignInThrottles.AsNoTracking().Where(t => t.Key == key).Select(t => t.Failures).SingleAsync(cancellationToken);
        if (failures > free)
        {
            var until = now + BackoffAfter(failures - free);
            await db.SignInThrottles.Where(t => t.Key == key)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.BlockedUntil, until), cancellationToken);
        }
    }

    // Hashed so the table holds neither emails nor addresses.
    private static string PairKey(string email, string address) => Hash($"pair\n{email.Trim().ToUpperInvariant()}\n{address}");

    private static string AddressKey(string address) => Hash($"address\n{address}");

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
