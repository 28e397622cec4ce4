using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Ui;

namespace ReferralFlow.Host.Pages;

/// <summary>
/// The header's language switch: remembers <c>ko</c> or <c>en</c> in the <c>lang</c> cookie for a year and, for a
/// signed-in worker, as their language, so their other devices and their notification mails follow the choice.
/// </summary>
public sealed class LanguageModel(UiContext ui, ReferralFlowDbContext db) : UiPage(ui)
{
    public IActionResult OnGet() => LocalRedirect("/inbox");

    public async Task<IActionResult> OnPostAsync(string? lang, string? returnUrl)
    {
        var language = lang == "en" ? "en" : "ko";
        if (Me.IsAuthenticated && await db.Users.FindAsync([Me.Id], Ct) is { } user && user.Language != language)
        {
            user.Language = language;
            await db.SaveChangesAsync(Ct);
        }

        Response.Cookies.Append(UiExtensions.LanguageCookie, language, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Expires = DateTimeOffset.UtcNow.AddYears(1),
        });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/inbox");
    }
}
