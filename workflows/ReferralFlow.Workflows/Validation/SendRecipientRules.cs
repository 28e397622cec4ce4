namespace ReferralFlow.Workflows.Validation;

/// <summary>
/// Whom a send task (<c>rf:to</c>) may address: a role of its workflow (<c>role:key</c>), the referrer
/// (<c>referrer</c>, or no <c>rf:to</c> on <c>notify-referrer</c>), one of <see cref="Agencies"/> (<c>agency:id</c>), or
/// an address matched by <see cref="Addresses"/>. Anything else — other agencies, users, free addresses — is refused, so
/// a designer cannot route a referral's news outside the district. Hosts check again when sending.
/// </summary>
public sealed record SendRecipientRules
{
    /// <summary>The recipient expression for the referring agency.</summary>
    public const string Referrer = "referrer";

    /// <summary>Agency ids a send task may name (<c>agency:id</c>), typically the district's agencies.</summary>
    public IReadOnlySet<string> Agencies { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The allow-list of mail addresses: an entry is a whole address (<c>team@gwanak.go.kr</c>) or a domain
    /// (<c>@gwanak.go.kr</c>); compared without regard to case.
    /// </summary>
    public IReadOnlyList<string> Addresses { get; init; } = [];

    /// <summary>Why <paramref name="to"/> may not be addressed (in English), or null when it may.</summary>
    /// <param name="to">The recipient expression (<c>rf:to</c>).</param>
    /// <param name="roles">The roles of the workflow; null accepts any role (e.g. at run time, where the allocation decides).</param>
    public string? Refusal(string to, IReadOnlyCollection<string>? roles) =>
        RefusalReason(to, roles) is { } reason
            ? IssueTexts.Format(reason.Key, new Dictionary<string, string>(StringComparer.Ordinal) { ["value"] = IssueTexts.Excerpt(reason.Value) }, "en")
            : null;

    /// <summary>
    /// Why <paramref name="to"/> may not be addressed, as the <see cref="IssueTexts"/> key of the reason and the value it
    /// names; null when it may.
    /// </summary>
    /// <param name="to">The recipient expression (<c>rf:to</c>).</param>
    /// <param name="roles">The roles of the workflow; null accepts any role.</param>
    public (string Key, string Value)? RefusalReason(string to, IReadOnlyCollection<string>? roles)
    {
        ArgumentNullException.ThrowIfNull(to);
        var colon = to.IndexOf(':', StringComparison.Ordinal);
        var (kind, value) = colon < 0 ? (to, "") : (to[..colon], to[(colon + 1)..]);
        return kind switch
        {
            Referrer when colon < 0 => null,
            "role" when value.Length > 0 && (roles is null || roles.Contains(value)) => null,
            "role" => ("reason.recipient-role", value),
            "agency" when Agencies.Contains(value) => null,
            "agency" => ("reason.recipient-agency", value),
            _ when colon < 0 && to.Contains('@', StringComparison.Ordinal) => IsListed(to) ? null : ("reason.recipient-address", to),
            _ => ("reason.recipient-unknown", to),
        };
    }

    private bool IsListed(string address)
    {
        foreach (var entry in Addresses)
        {
            var allowed = entry.StartsWith('@')
                ? address.EndsWith(entry, StringComparison.OrdinalIgnoreCase) && address.IndexOf('@', StringComparison.Ordinal) == address.Length - entry.Length
                : string.Equals(address, entry, StringComparison.OrdinalIgnoreCase);
            if (allowed)
            {
                return true;
            }
        }

        return false;
    }
}
