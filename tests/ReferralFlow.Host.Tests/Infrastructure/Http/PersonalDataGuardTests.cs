using System.Text.Json;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Tests.Infrastructure.Http;

/// <summary>The resident registration number detector on its own: the ways people (or scripts) write one, and look-alikes.</summary>
public sealed class PersonalDataGuardTests
{
    public static TheoryData<string, string> Written => new()
    {
        { "hyphen", "900101-1234567" },
        { "minus sign U+2212", "900101\u22121234567" },
        { "hyphen U+2010", "900101\u20101234567" },
        { "en dash", "900101\u20131234567" },
        { "dot", "900101.1234567" },
        { "slash", "900101/1234567" },
        { "space", "900101 1234567" },
        { "spaces around a dash", "900101 - 1234567" },
        { "no-break space", "900101\u00A01234567" },
        { "zero-width space as the separator", "900101\u200B1234567" },
        { "zero-width space inside the birth date", "9001\u200B01-1234567" },
        { "soft hyphen", "900101\u00AD1234567" },
        { "word joiner inside the digits", "900101-123\u20604567" },
        { "full-width digits and dash", "９００１０１－１２３４５６７" },
        { "Arabic-Indic digits", "٩٠٠١٠١-١٢٣٤٥٦٧" },
        { "inside Korean text", "주민번호는900101_1234567입니다" },
        { "13 digits with a valid check digit", "9001011234568" },
        { "13 digits issued after 2020 (no check digit)", "2103154123456" },
        { "foreign resident, 2000s", "050505-7123456" },
    };

    [Theory]
    [MemberData(nameof(Written))]
    public void Detects_a_resident_registration_number_written(string how, string text) =>
        Assert.True(PersonalDataGuard.LooksLikeResidentNumber(text), how);

    public static TheoryData<string, string> LookAlikes => new()
    {
        { "mobile phone", "010-1234-5678" },
        { "Seoul phone", "02-1234-5678" },
        { "date and time", "2026-03-02 10:00" },
        { "referral number", "의뢰 2026-000123" },
        { "bank account", "110-123-456789" },
        { "no month 34", "123456-1234567" },
        { "no 30 February", "900230-1234567" },
        { "no gender digit 9", "900101-9234567" },
        { "13 digits before 2020 with a wrong check digit (an account number, say)", "9001011234567" },
        { "14 digits", "90010112345678" },
        { "a digit before", "1900101-1234567" },
    };

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void Leaves_look_alikes_alone(string what, string text) =>
        Assert.False(PersonalDataGuard.LooksLikeResidentNumber(text), what);

    [Theory]
    [InlineData("""{ "900101-1234567": 1 }""", "variables")]
    [InlineData("""{ "n": 9001011234568 }""", "variables.n")]
    [InlineData("""{ "n": 9.001011234568E12 }""", "variables.n")]
    [InlineData("""{ "list": [ "ok", "900101.1234567" ] }""", "variables.list[1]")]
    public void Json_property_names_and_numbers_are_checked(string json, string field)
    {
        var errors = new ReferralFlow.Host.Infrastructure.Http.ProblemErrors();

        errors.ResidentNumbers(JsonDocument.Parse(json).RootElement, "variables");

        var error = Assert.Throws<ReferralFlow.Host.Infrastructure.Http.ApiException>(errors.ThrowIfAny);
        Assert.Equal([field], error.Errors!.Keys);
        Assert.DoesNotContain("1234567", error.Detail, StringComparison.Ordinal);
    }
}
