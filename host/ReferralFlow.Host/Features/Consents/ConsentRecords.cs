using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Consents;

/// <summary>The checks and the rows of a consent, shared by opening a referral and recording consent later.</summary>
public static class ConsentRecords
{
    public static readonly IReadOnlyList<string> Methods = ["written", "oral", "urgent"];

    /// <summary>Who consented, how and when: the same for every (agency, category) row one consent creates.</summary>
    public sealed record Who(string ConsentedBy, string? Relationship, DateTimeOffset ConsentedAt, string Method, string? UrgentReason);

    /// <summary>Categories must be the fixed codes; none given means basic and living.</summary>
    public static void CheckCategories(ProblemErrors errors, string field, IReadOnlyList<string>? categories)
    {
        if (categories is null)
        {
            return;
        }

        if (categories.Count > ConsentCategories.All.Count * 4)
        {
            errors.Add(field, ProblemCode.TooManyItems, ConsentCategories.All.Count);
            return;
        }

        for (var i = 0; i < categories.Count; i++)
        {
            if (!ConsentCategories.All.Contains(categories[i]?.Trim().ToLowerInvariant()))
            {
                errors.Add($"{field}[{i}]", ProblemCode.ConsentCategoriesInvalid, string.Join(", ", ConsentCategories.All));
            }
        }
    }

    /// <summary>The method must be written, oral or urgent; urgent needs its legal reason.</summary>
    public static void CheckMethod(ProblemErrors errors, string prefix, string? method, string? urgentReason)
    {
        string Field(string name) => prefix.Length == 0 ? name : $"{prefix}.{name}";
        var normal = method?.Trim().ToLowerInvariant();
        if (!Methods.Contains(normal))
        {
            errors.Add(Field("method"), ProblemCode.ValueNotAllowed, string.Join(", ", Methods));
        }
        else if (normal == "urgent" && string.IsNullOrWhiteSpace(urgentReason))
        {
            errors.Add(Field("urgentReason"), ProblemCode.UrgentReasonRequired);
        }
    }

    /// <summary>The categories as codes: as given, else basic and living; <paramref name="health"/> adds health.</summary>
    public static IReadOnlyList<string> Categories(IReadOnlyList<string>? given, bool health = false)
    {
        var codes = given is { Count: > 0 }
            ? given.Select(c => c.Trim().ToLowerInvariant()).ToList()
            : [ConsentCategories.Basic, ConsentCategories.Living];
        if (health)
        {
            codes.Add(ConsentCategories.Health);
        }

        return [.. ConsentCategories.All.Where(codes.Contains)];
    }

    /// <summary>One row per (agency, category), skipping those the referral already has a live consent for.</summary>
    public static IEnumerable<ReferralConsent> Create(
        Guid referralId, IEnumerable<string> agencyIds, IReadOnlyList<string> categories, Who who, Guid recordedBy, DateTimeOffset now,
        int? taskId, IReadOnlyCollection<ReferralConsent>? existing = null)
    {
        foreach (var agency in agencyIds.Select(a => a.Trim()).Distinct(StringComparer.Ordinal))
        {
            foreach (var category in categories)
            {
                if (existing?.Any(c => c.WithdrawnAt is null && c.AgencyId == agency && c.Category == category) == true)
                {
                    continue;
                }

                yield return new ReferralConsent
                {
                    Id = Guid.CreateVersion7(now),
                    ReferralId = referralId,
                    AgencyId = agency,
                    Category = category,
                    ConsentedBy = who.ConsentedBy.Trim(),
                    Relationship = Trimmed(who.Relationship),
                    ConsentedAt = who.ConsentedAt,
                    Method = who.Method.Trim().ToLowerInvariant(),
                    UrgentReason = Trimmed(who.UrgentReason),
                    RecordedBy = recordedBy,
                    RecordedAt = now,
                    TaskId = taskId,
                };
            }
        }
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
