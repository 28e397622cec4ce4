using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Features.Alerts;

namespace ReferralFlow.Host.Pages.Account;

/// <summary>
/// <c>/account/notifications</c>: how I hear of each kind (at once, in the morning digest, in the app only, or my
/// agency's default); supervisors also set the agency's defaults and its shared mailbox, district administrators
/// whether escalation alerts are mandatory. Through <see cref="GetAlertPreferences"/> and <see cref="UpdateAlertPreferences"/>.
/// </summary>
public sealed class NotificationsModel(UiContext ui, GetAlertPreferences get, UpdateAlertPreferences update) : UiPage(ui)
{
    public const string Inherit = "inherit";

    public GetAlertPreferences.Response? Preferences { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Preferences = await get.HandleAsync(Ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(bool? escalationsMandatory)
    {
        var form = Request.Form;
        Dictionary<string, string> Section(string prefix) => form.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Where(k => form[k].ToString() != Inherit).ToDictionary(k => k[prefix.Length..], k => form[k].ToString(), StringComparer.Ordinal);
        var inherit = form.Keys.Where(k => k.StartsWith("mine.", StringComparison.Ordinal) && form[k].ToString() == Inherit).Select(k => k[5..]).ToList();
        Preferences = await get.HandleAsync(Ct);
        var request = new UpdateAlertPreferences.Request(Section("mine."), inherit,
            Preferences.CanEditAgency ? Section("agency.") : null, Preferences.CanEditAgency ? Section("mailbox.") : null,
            Preferences.CanEditDistrict ? escalationsMandatory == true : null);
        if (await TryAsync(async () => Preferences = await update.HandleAsync(request, Ct)) is { } failed)
        {
            return failed;
        }

        if (Problem is not null)
        {
            return Page();
        }

        Flash = L["Prefs.Saved"];
        return RedirectToPage();
    }
}
