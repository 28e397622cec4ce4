using Microsoft.AspNetCore.Mvc;
using QRCoder;
using ReferralFlow.Host.Features.Auth.TwoFactor;

namespace ReferralFlow.Host.Pages.Account;

/// <summary>
/// <c>/account/two-factor</c>: set up an authenticator app (shared key as text and as a QR code of its otpauth URI),
/// confirm it with a code, and see the ten recovery codes once. Accounts that must use two-factor sign-in land here
/// until they have.
/// </summary>
public sealed class TwoFactorModel(UiContext ui, AuthenticatorEnrolment enrolment) : UiPage(ui)
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public TwoFactorStatus? Status { get; private set; }

    public AuthenticatorSetup? Setup { get; private set; }

    /// <summary>The QR code of the otpauth URI as inline SVG.</summary>
    public string? QrSvg { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string Continue => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/inbox";

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        if (await TryAsync(async () => RecoveryCodes = (await enrolment.VerifyAsync(code)).Codes) is { } failed)
        {
            return failed;
        }

        if (RecoveryCodes is null)
        {
            await LoadAsync();
        }
        else
        {
            Status = await enrolment.StatusAsync();
        }

        return Page();
    }

    private async Task LoadAsync()
    {
        Status = await enrolment.StatusAsync();
        if (!Status.Enabled)
        {
            Setup = await enrolment.CurrentSetupAsync();
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(Setup.AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
            QrSvg = new SvgQRCode(data).GetGraphic(4);
        }
    }
}
