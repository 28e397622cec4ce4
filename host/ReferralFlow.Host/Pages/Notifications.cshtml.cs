using Microsoft.AspNetCore.Mvc;
using ReferralFlow.Host.Features.Bell;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Pages;

/// <summary>
/// <c>/notifications</c>: my bell entries, newest first (unread ones marked); opening one marks it read and goes to its
/// task or referral; "mark all read". Through the API's use cases (<see cref="ListBell"/>, <see cref="MarkBellRead"/>).
/// </summary>
public sealed class NotificationsModel(UiContext ui, ListBell list, MarkBellRead mark) : UiPage(ui)
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public Page<ListBell.Item>? Entries { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await TryAsync(async () => Entries = await list.HandleAsync(null, PageSize, Cursor, Ct)) ?? Page();

    public async Task<IActionResult> OnGetOpenAsync(Guid id)
    {
        ListBell.Item? entry = null;
        if (await TryAsync(async () =>
            {
                await mark.OneAsync(id, Ct);
                entry = (await list.HandleAsync(null, PageSize, null, Ct)).Items.FirstOrDefault(i => i.Id == id);
            }) is { } failed)
        {
            return failed;
        }

        return LocalRedirect(entry?.Link ?? "/notifications");
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        await mark.AllAsync(Ct);
        return RedirectToPage();
    }
}
