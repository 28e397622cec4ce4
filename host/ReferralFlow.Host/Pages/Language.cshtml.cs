using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Infrastructure.Ui;

namespace ReferralFlow.Host.Pages;

/// <summary>The header's language switch: remembers <c>ko</c> or <c>en</c> in the <c>lang</c> cookie for a year.</summary>
public sealed class LanguageModel : UiPage
{
    public IActionResult OnGet() => LocalRedirect("/inbox");

    public IActionResult OnPost(string? lang, string? returnUrl)
    {
        Response.Cookies.Append(UiExtensions.LanguageCookie, lang == "en" ? "en" : "ko", new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Expires = DateTimeOffset.UtcNow.AddYears(1),
        });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/inbox");
    }
}
