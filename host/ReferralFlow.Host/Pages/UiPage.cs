using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using ReferralFlow.Host.Infrastructure.Auth;
using ReferralFlow.Host.Infrastructure.Http;
using ReferralFlow.Host.Resources;

namespace ReferralFlow.Host.Pages;

/// <summary>
/// Base of the worker pages: the localiser, the signed-in worker, local (Korean) dates, and the mapping of the use
/// cases' <see cref="ApiException"/>s to page results (404/403 as such, 400/409 as messages on the page).
/// </summary>
public abstract class UiPage(UiContext ui) : PageModel
{
    public IStringLocalizer<UiText> L => ui.Text;

    public CurrentUser Me => ui.User;

    /// <summary>A message shown at the top of the page (a conflict or an error without a field).</summary>
    public string? Problem { get; set; }

    /// <summary>A confirmation after a successful action (shown once via TempData).</summary>
    [TempData]
    public string? Flash { get; set; }

    protected CancellationToken Ct => HttpContext.RequestAborted;

    /// <summary>Runs a use case; 404/403 become the page's result, other failures a message and field errors.</summary>
    protected async Task<IActionResult?> TryAsync(Func<Task> action, Func<string, string, string>? fieldMessage = null)
    {
        try
        {
            await action();
            return null;
        }
        catch (ApiException ex) when (ex.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }
        catch (ApiException ex) when (ex.Status == StatusCodes.Status403Forbidden)
        {
            return Forbid();
        }
        catch (ApiException ex) when (ex.Status is StatusCodes.Status400BadRequest or StatusCodes.Status409Conflict or StatusCodes.Status422UnprocessableEntity)
        {
            if (ex.Errors is { Count: > 0 })
            {
                foreach (var (key, messages) in ex.Errors)
                {
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(key, fieldMessage?.Invoke(key, message) ?? message);
                    }
                }

                Problem = L["Error.Invalid"];
            }
            else
            {
                // The message is in the worker's language (the page runs in it); a stale version gets the page's own notice.
                Problem = ex.Code == ProblemCode.ConcurrencyConflict.Value ? L["Error.Conflict"] : ex.Detail ?? ex.Title;
            }

            return null;
        }
    }

    /// <summary>The localised text of a key, or <paramref name="fallback"/> for open-ended keys (event types).</summary>
    public string Text(string key, string fallback)
    {
        var text = L[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }

    public string State(bool done, bool cancelled, bool overdue, int escalation) =>
        done ? "done" : cancelled ? "cancelled" : escalation > 0 ? "escalated" : overdue ? "overdue" : "open";

    /// <summary>A step's outcome value as a worker reads it: the option's label, 예/아니요, or the value itself.</summary>
    internal string ShowValue(Features.CaseViews.OutcomeEntry entry) => entry switch
    {
        { Withheld: { } why } => Text($"Outcome.Withheld.{why}", L["Outcome.Withheld"]),
        { Choice: { } choice } => choice,
        { Value.ValueKind: System.Text.Json.JsonValueKind.True } => L["Common.Yes"],
        { Value.ValueKind: System.Text.Json.JsonValueKind.False } => L["Common.No"],
        { Value.ValueKind: System.Text.Json.JsonValueKind.String } => entry.Value.GetString() ?? "",
        { Value.ValueKind: System.Text.Json.JsonValueKind.Null } => "–",
        _ => entry.Value.ToString(),
    };

    public string Local(DateTimeOffset? at) =>
        at is { } value ? ui.Time.Local(value).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "–";

    public string Day(DateTimeOffset? at) =>
        at is { } value ? ui.Time.Local(value).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "–";

    /// <summary>A date and time a worker typed in (local time) as UTC.</summary>
    protected DateTimeOffset LocalToUtc(DateTime local) => ui.Time.FromLocal(local);

    /// <summary>"3일 4시간" / "3 d 4 h" from the API's ISO 8601 duration.</summary>
    public string OverdueText(string? iso)
    {
        if (iso is null)
        {
            return "";
        }

        var span = System.Xml.XmlConvert.ToTimeSpan(iso);
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, L["Format.Overdue"], (int)span.TotalDays, span.Hours);
    }
}
