namespace ReferralFlow.Host.Data;

/// <summary>The kinds of joint public-private response (민-관 협력 대응) the district reports on.</summary>
public enum JointResponseKind
{
    /// <summary>회의: case conferences, operating committees.</summary>
    Meeting,

    /// <summary>교육: training and study groups.</summary>
    Training,

    /// <summary>공동사업: joint projects and events.</summary>
    JointProject,

    /// <summary>자원연계활동: linking households to resources.</summary>
    ResourceLinkage,
}

/// <summary>
/// One joint response of public and private agencies in a district — a meeting, a training, a joint project or a
/// resource linkage — with the hours spent and the people involved (연인원), for the collaboration report.
/// </summary>
public sealed class JointResponse
{
    public Guid Id { get; set; }

    public required string District { get; set; }

    public DateOnly Date { get; set; }

    public JointResponseKind Kind { get; set; }

    public required string Title { get; set; }

    public decimal Hours { get; set; }

    /// <summary>People involved, counted per person and occasion (연인원).</summary>
    public int People { get; set; }

    /// <summary>The agencies that took part.</summary>
    public List<string> AgencyIds { get; set; } = [];

    public Guid RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>
/// A district's number of referrals in a year before ReferralFlow was used (e.g. the 2016 and 2017 totals of the
/// Gwanak-gu report), so the collaboration report can show the history next to the referrals the system holds.
/// </summary>
public sealed class ImportedReferralCount
{
    public required string District { get; set; }

    public int Year { get; set; }

    public int Referrals { get; set; }

    /// <summary>Where the number comes from, e.g. the report it was taken from.</summary>
    public string? Source { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}
