using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Features.Administration.Settings;

namespace ReferralFlow.Host.Pages.Admin;

/// <summary>
/// <c>/admin/settings</c>: the district's holidays (one date a line), escalation policies (as JSON, the API's shape),
/// the default policy, retention years and the two-factor requirement; saved through the same use case as
/// <c>PUT /api/admin/settings</c>, based on the version the page was loaded with.
/// </summary>
public sealed class SettingsModel(UiContext ui, GetDistrictSettings get, UpdateDistrictSettings update) : UiPage(ui)
{
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public DistrictSettingsView? Settings { get; private set; }

    public string HolidaysText { get; private set; } = "";

    public string PoliciesText { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        if (await TryAsync(LoadAsync) is { } failed)
        {
            return failed;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int version, string? holidays, string? policies, string? defaultPolicy, int? retentionYears, bool requireTwoFactor)
    {
        var parsedHolidays = ParseHolidays(holidays, out var badDate);
        Dictionary<string, PolicyDocument>? parsedPolicies = null;
        try
        {
            parsedPolicies = JsonSerializer.Deserialize<Dictionary<string, PolicyDocument>>(string.IsNullOrWhiteSpace(policies) ? "{}" : policies, Indented);
        }
        catch (JsonException)
        {
            ModelState.AddModelError("policies", L["Settings.PoliciesInvalid"]);
        }

        if (badDate is not null)
        {
            ModelState.AddModelError("holidays", string.Format(CultureInfo.CurrentCulture, L["Settings.DateInvalid"], badDate));
        }

        if (ModelState.ErrorCount == 0 && await TryAsync(() => update.HandleAsync(
                null, new UpdateDistrictSettings.Request(version, parsedHolidays, parsedPolicies, defaultPolicy, retentionYears, requireTwoFactor), HttpContext, Ct)) is { } failed)
        {
            return failed;
        }

        if (ModelState.ErrorCount > 0)
        {
            Problem ??= L["Error.Invalid"];
            await LoadAsync();
            HolidaysText = holidays ?? "";
            PoliciesText = policies ?? "";
            return Page();
        }

        Flash = L["Admin.Saved"];
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Settings = await get.HandleAsync(null, HttpContext, Ct);
        HolidaysText = string.Join('\n', Settings.Holidays.Values.SelectMany(d => d).Select(d => d.ToString("O", CultureInfo.InvariantCulture)));
        PoliciesText = JsonSerializer.Serialize(Settings.Policies, Indented);
    }

    private static Dictionary<string, List<DateOnly>> ParseHolidays(string? text, out string? bad)
    {
        bad = null;
        var result = new Dictionary<string, List<DateOnly>>(StringComparer.Ordinal);
        foreach (var line in (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!DateOnly.TryParseExact(line, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                bad ??= line;
                continue;
            }

            var year = date.Year.ToString(CultureInfo.InvariantCulture);
            if (!result.TryGetValue(year, out var dates))
            {
                result[year] = dates = [];
            }

            dates.Add(date);
        }

        return result;
    }
}
