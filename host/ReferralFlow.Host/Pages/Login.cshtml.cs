using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using ReferralFlow.Host.Features.Auth;
using ReferralFlow.Host.Infrastructure.Auth;

namespace ReferralFlow.Host.Pages;

/// <summary>Cookie sign-in with the same rules as <c>POST /api/auth/login</c>: the back-off and the per-address rate limit.</summary>
[EnableRateLimiting(AuthExtensions.SignInRateLimit)]
public sealed class LoginModel(UiContext ui, PasswordSignIn passwords, SessionSignIn sessions) : UiPage(ui)
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Email) || string.IsNullOrEmpty(Password))
        {
            Problem = L["Login.Failed"];
            return Page();
        }

        var outcome = await passwords.CheckAsync(Email, Password, SignInThrottling.ClientAddress(HttpContext), Ct);
        if (outcome.RetryAfter is { } wait)
        {
            Problem = L["Login.Locked", Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))];
            return Page();
        }

        if (outcome.SecondFactor == SecondFactor.Missing && outcome.Pending is { } pending)
        {
            await LoginTwoFactorModel.RememberAsync(HttpContext, pending);
            return RedirectToPage("/LoginTwoFactor", new { returnUrl = ReturnUrl });
        }

        if (outcome.User is not { } user)
        {
            Problem = L["Login.Failed"];
            return Page();
        }

        await sessions.StartCookieAsync(user, Ct);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/inbox");
    }
}
