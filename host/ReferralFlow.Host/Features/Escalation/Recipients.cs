namespace ReferralFlow.Host.Features.Escalation;

/// <summary>
/// Recipient addresses as stored in outbox rows; resolved to mailboxes only when the message is sent, in each
/// recipient's language.
/// </summary>
public static class Recipients
{
    public static string User(Guid id) => $"user:{id}";

    public static string Agency(string agencyId) => $"agency:{agencyId}";

    public static string Supervisors(string agencyId) => $"supervisors:{agencyId}";

    public static string DistrictHub(string district) => $"hub:{district}";

    public static string Role(string roleKey) => $"role:{roleKey}";
}
