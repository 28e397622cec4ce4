using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ReferralFlow.Host.Data;
using ReferralFlow.Host.Features.Referrals;
using ReferralFlow.Host.Features.Tasks;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Host.Pages.Tasks;

/// <summary>
/// A task: instructions, the outcome form from the step's <c>rf:field</c>s, complete / return / reassign / note, and the
/// referral's context — all through the API's use cases (<see cref="GetTask"/>, <see cref="CompleteTask"/>, …).
/// </summary>
public sealed class DetailModel(
    UiContext ui, GetTask get, CompleteTask complete, ReturnTask returnTask, ReassignTask reassign, AddNote addNote, ReferralFlowDbContext db,
    Features.Bell.MarkBellRead bell) : UiPage(ui)
{
    public const string FieldPrefix = "f_";

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    internal GetTask.Response? Task { get; private set; }

    public IReadOnlyList<(Guid Id, string Name)> Colleagues { get; private set; } = [];

    public bool CanReassign { get; private set; }

    /// <summary>The step is offered to the caller's agency; the hub and the case owner read other agencies' steps only.</summary>
    public bool CanAct { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await TryAsync(LoadAsync) is { } failed)
        {
            return failed;
        }

        // Opening the task is reading its news: its bell entries are marked read.
        await bell.TaskOpenedAsync(Id, Ct);
        return Page();
    }

    public async Task<IActionResult> OnPostCompleteAsync(int? version)
    {
        GetTask.Response? current = null;
        var failed = await TryAsync(async () => current = await GetAsync());
        if (failed is not null)
        {
            return failed;
        }

        var outcome = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var field in current!.Form)
        {
            var posted = Request.Form[FieldPrefix + field.Id].ToString();
            if (!string.IsNullOrEmpty(posted))
            {
                outcome[field.Id] = JsonSerializer.SerializeToElement(posted);
            }
        }

        string FieldMessage(string key, string message)
        {
            var field = current.Form.FirstOrDefault(f => key == $"outcome.{f.Id}");
            if (field is null)
            {
                return message;
            }

            var label = field.Label ?? field.Id;
            return outcome.ContainsKey(field.Id)
                ? string.Format(L[$"Validation.{field.Type}"], label)
                : string.Format(L["Validation.Required"], label);
        }

        return await ActAsync(
            () => complete.HandleAsync(Id, new CompleteTask.Request(outcome, version, null), Ct),
            "Task.Completed", FieldMessage, toInbox: true);
    }

    public async Task<IActionResult> OnPostReturnAsync(string? reason, int? version)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            ModelState.AddModelError("reason", L["Validation.ReasonRequired"]);
            Problem = L["Error.Invalid"];
            return await TryAsync(LoadAsync) ?? Page();
        }

        return await ActAsync(
            () => returnTask.HandleAsync(Id, new ReturnTask.Request(reason, version), Ct),
            "Task.Returned");
    }

    public async Task<IActionResult> OnPostReassignAsync(Guid? assigneeId, string? reason, int? version) =>
        await ActAsync(
            () => reassign.HandleAsync(Id, new ReassignTask.Request(assigneeId, null, reason, version), Ct),
            "Task.Reassigned");

    public async Task<IActionResult> OnPostNoteAsync(string? text)
    {
        GetTask.Response? current = null;
        var failed = await TryAsync(async () => current = await GetAsync());
        if (failed is not null || current!.Referral is null)
        {
            return failed ?? NotFound();
        }

        return await ActAsync(
            () => addNote.HandleAsync(current.Referral.Id, new AddNote.Request(text, current.Task.Step.TaskId), Ct),
            "Task.NoteAdded");
    }

    private async Task<IActionResult> ActAsync(Func<Task> action, string done, Func<string, string, string>? fieldMessage = null, bool toInbox = false)
    {
        var failed = await TryAsync(action, fieldMessage);
        if (failed is not null)
        {
            return failed;
        }

        if (Problem is null && ModelState.IsValid)
        {
            Flash = L[done];
            return toInbox ? Redirect("/inbox") : Redirect($"/tasks/{Id}");
        }

        return await TryAsync(LoadAsync) ?? Page();
    }

    private Task<GetTask.Response> GetAsync() =>
        get.HandleAsync(Id, Ct);

    private async Task LoadAsync()
    {
        Task = await GetAsync();
        CanAct = Me.IsSystemAdmin || Task.Task.Agency?.Id == Me.AgencyId;
        CanReassign = Me.IsSupervisor || Me.IsSystemAdmin;
        if (CanReassign && Task.Task.Agency is { } agency)
        {
            var rows = await db.Users.AsNoTracking().Where(u => u.AgencyId == agency.Id && u.IsActive)
                .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(Ct);
            Colleagues = [.. rows.Select(r => (r.Id, r.DisplayName))];
        }

    }

    public static string InputType(FormFieldType type) => type switch
    {
        FormFieldType.Number => "number",
        FormFieldType.Date => "date",
        _ => "text",
    };
}
