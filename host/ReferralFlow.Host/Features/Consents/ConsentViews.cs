using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Features.Consents;

/// <summary>
/// One consent: a category of the household's data for one recipient agency; who consented (a name) only for the owner
/// side. Withdrawn consents stay listed with <c>WithdrawnAt</c>.
/// </summary>
public sealed record ConsentView(
    Guid Id, AgencyRef Agency, string Category, string Method, DateTimeOffset ConsentedAt, bool Active, DateTimeOffset? WithdrawnAt,
    int? TaskId, string? ConsentedBy, string? Relationship, string? UrgentReason);

/// <summary>An agency with an open step whose consent does not (yet) cover these categories: the case owner should ask.</summary>
public sealed record ConsentNeed(AgencyRef Agency, IReadOnlyList<string> Categories);

/// <summary>The referral's consents as a caller may see them, and the consents its open steps still need.</summary>
public static class ConsentViews
{
    /// <summary>The categories a step's agency needs to see the household and the case so far.</summary>
    private static readonly string[] StepNeeds = [ConsentCategories.Basic, ConsentCategories.Living];

    /// <summary>Every consent for the owner side; an agency sees only the consents given to itself.</summary>
    public static IReadOnlyList<ConsentView> Of(Referral referral, CaseLens lens, string agency, IReadOnlyDictionary<string, string> names) =>
        [.. referral.Consents.Where(c => lens.OwnerSide || c.AgencyId == agency)
            .OrderBy(c => c.RecordedAt).ThenBy(c => c.AgencyId, StringComparer.Ordinal).ThenBy(c => c.Category, StringComparer.Ordinal)
            .Select(c => new ConsentView(
                c.Id, new AgencyRef(c.AgencyId, names.GetValueOrDefault(c.AgencyId, c.AgencyId)), c.Category, c.Method, c.ConsentedAt,
                c.WithdrawnAt is null, c.WithdrawnAt, c.TaskId,
                lens.OwnerSide ? c.ConsentedBy : null, lens.OwnerSide ? c.Relationship : null, lens.OwnerSide ? c.UrgentReason : null))];

    /// <summary>
    /// Agencies with an open step whose live consent lacks basic or living data, but the owner side (referrer, owner and
    /// the district's hubs, given as <paramref name="ownerSide"/>).
    /// </summary>
    public static IReadOnlyList<ConsentNeed> Needed(
        Referral referral, IEnumerable<WorkTaskRecord> tasks, IReadOnlyCollection<string> ownerSide, IReadOnlyDictionary<string, string> names) =>
        [.. tasks.Where(t => t.Status == WorkTaskStatus.Open && t.AgencyId is not null && !ownerSide.Contains(t.AgencyId)
                && t.AgencyId != referral.PublicOwnerAgencyId && t.AgencyId != referral.ReferringAgencyId)
            .Select(t => t.AgencyId!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(agency => (Agency: agency, Missing: Missing(referral, agency)))
            .Where(n => n.Missing.Count > 0)
            .Select(n => new ConsentNeed(new AgencyRef(n.Agency, names.GetValueOrDefault(n.Agency, n.Agency)), n.Missing))];

    /// <summary>The categories a step needs (basic, living) that the live consent does not give <paramref name="agency"/>.</summary>
    public static IReadOnlyList<string> Missing(Referral referral, string agency) =>
        [.. StepNeeds.Where(category => !referral.Consents.Any(c => c.WithdrawnAt is null && c.AgencyId == agency && c.Category == category))];
}
