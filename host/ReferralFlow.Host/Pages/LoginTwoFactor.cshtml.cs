using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Auth;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Pages;

/// <summary>
/// The second step of the sign-in page for an account with two-factor sign-in: the authenticator's code or a recovery
/// code. Who passed the password is kept for five minutes in Identity's short two-factor cookie, nothing more.
/// </summary>
[EnableRateLimiting(AuthExtensions.SignInRateLimit)]
public sealed class LoginTwoFactorModel(UiContext ui, PasswordSignIn passwords, SessionSignIn sessions, UserManager<User> users) : UiPage(ui)
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public static Task RememberAsync(HttpContext http, User user) =>
        http.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, user.Id.ToString())], IdentityConstants.TwoFactorUserIdScheme)));

    public async Task<IActionResult> OnGetAsync() => await PendingAsync() is null ? RedirectToPage("/Login") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await PendingAsync() is not { } pending)
        {
            return RedirectToPage("/Login");
        }

        if (string.IsNullOrWhiteSpace(Code))
        {
            Problem = L["TwoFactor.Invalid"];
            return Page();
        }

        var outcome = await passwords.CheckSecondFactorAsync(pending, Code, SignInThrottling.ClientAddress(HttpContext), Ct);
        if (outcome.RetryAfter is { } wait)
        {
            Problem = L["Login.Locked", Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))];
            return Page();
        }

        if (outcome.User is not { } user)
        {
            Problem = L["TwoFactor.Invalid"];
            return Page();
        }

        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await sessions.StartCookieAsync(user, Ct);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/inbox");
    }

    private async Task<User?> PendingAsync()
    {
        var result = await HttpContext.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        return result.Principal?.FindFirstValue(ClaimTypes.Name) is { } id ? await users.FindByIdAsync(id) : null;
    }
}
