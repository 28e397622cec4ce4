using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReferralFlow.Host.Features.Referrals;

/// <summary>
/// The keyed hashes of the duplicate-service check: HMAC-SHA256 (key <c>Privacy:HouseholdKey</c>) of the household's
/// normalised name and birth date, and of those with the normalised address. Only the hashes are stored, so finding an
/// open referral of the same household spreads no new copy of its identity; without the key they cannot be reversed by
/// trying names and dates.
/// </summary>
public sealed class HouseholdKeys
{
    /// <summary>
    /// The demo's key, generated once for Development and the test suites only; any other environment must configure its
    /// own (the host does not start without it), or anyone with the source could test names against stored hashes.
    /// </summary>
    public const string DevelopmentKey = "rf-demo-household-key-7Qm2vX9pL4sN8tYc3Wd6Hb1Kj5Fz0Ra";

    public const string Setting = "Privacy:HouseholdKey";

    public const int MinKeyLength = 32;

    private readonly byte[] _key;

    public HouseholdKeys(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[Setting];
        var key = string.IsNullOrWhiteSpace(configured) && (environment.IsDevelopment() || environment.IsEnvironment("Testing")) ? DevelopmentKey : configured;
        if (string.IsNullOrWhiteSpace(key) || key.Length < MinKeyLength)
        {
            throw new InvalidOperationException(
                $"Set {Setting} (environment variable Privacy__HouseholdKey) to a secret of at least {MinKeyLength} characters: it keys the hashes of the duplicate-service check.");
        }

        _key = Encoding.UTF8.GetBytes(key);
    }

    /// <summary>The name-and-birth-date hash and the hash with the address (null without one); both null without a birth date.</summary>
    public (string? Key, string? AddressKey) Of(string? name, DateOnly? birthDate, string? address)
    {
        var normalName = Normalise(name);
        if (normalName.Length == 0 || birthDate is not { } birth)
        {
            return (null, null);
        }

        var basis = $"{normalName}\n{birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
        var normalAddress = NormaliseAddress(address);
        return (Hash(basis), normalAddress.Length == 0 ? null : Hash($"{basis}\n{normalAddress}"));
    }

    private string Hash(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));

    /// <summary>NFKC, lower case, letters and digits only: "김 순자", "김순자 " and full-width forms are one name.</summary>
    private static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormKC).ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // 서울특별시 관악구 난곡로 1 and 서울 관악구 난곡로 1 are one address.
    private static string NormaliseAddress(string? address) =>
        Normalise(address?.Normalize(NormalizationForm.FormKC)
            .Replace("특별시", "", StringComparison.Ordinal).Replace("광역시", "", StringComparison.Ordinal));
}

/// <summary>Resolves <see cref="HouseholdKeys"/> at start, so a missing key stops the host at once rather than the first referral.</summary>
internal sealed class HouseholdKeysStartCheck(HouseholdKeys keys) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(keys);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
