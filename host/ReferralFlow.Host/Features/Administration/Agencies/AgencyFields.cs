using System.Net.Mail;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Administration.Agencies;

/// <summary>The checks an agency's editable fields share on create and edit: name, kind, dong of a dong centre, notice email.</summary>
internal static class AgencyFields
{
    public const int MaxName = 200;

    /// <summary>Public bodies by kind; welfare centres and volunteer groups are private unless said otherwise.</summary>
    public static bool DefaultPublic(AgencyKind kind) =>
        kind is AgencyKind.DongCentre or AgencyKind.HealthCentre or AgencyKind.DistrictOffice or AgencyKind.DistrictHub;

    public static void Check(ProblemErrors errors, string? name, AgencyKind? kind, string? dong, string? email)
    {
        errors.Text("name", name, MaxName, ProblemCode.FieldRequired.With(ProblemLabel.Name));
        if (kind is null || !Enum.IsDefined(kind.Value))
        {
            errors.Add("kind", ProblemCode.FieldRequired, ProblemLabel.Kind);
        }

        errors.Text("dong", dong, 100, kind == AgencyKind.DongCentre ? ProblemCode.FieldRequired.With(ProblemLabel.Dong) : null);
        if (!string.IsNullOrWhiteSpace(email) && !IsEmail(email.Trim()))
        {
            errors.Add("email", ProblemCode.EmailInvalid);
        }
    }

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static bool IsEmail(string value) =>
        value.Length <= 200 && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
}
