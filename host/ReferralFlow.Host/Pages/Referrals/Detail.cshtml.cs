using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ReferralFlow.Host.Features.CaseViews;
using ReferralFlow.Host.Features.Referrals;
using ReferralFlow.Host.Infrastructure.Ui;
using ReferralFlow.Workflows.Persistence;

namespace ReferralFlow.Host.Pages.Referrals;

/// <summary>A referral: its steps coloured by state (per lane/role), who holds each role, the shared timeline, closing.</summary>
public sealed class DetailModel(
    UiContext ui, GetReferral get, GetTimeline timeline, CloseReferral close, ReferralAccess access, DefinitionStore store, WorkflowReadModel workflow,
    IOptions<DesignerOptions> designer, IWebHostEnvironment environment) : UiPage(ui)
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ReferralResponse? Referral { get; private set; }

    internal IReadOnlyList<GetTimeline.Entry> Timeline { get; private set; } = [];

    public bool CanClose { get; private set; }

    /// <summary>The workflow picture (the designer's <c>viewer</c> build); null when the designer is not built — the step list stays.</summary>
    public DiagramView? Diagram { get; private set; }

    /// <summary>The state of a step as the page and the diagram show it.</summary>
    public string StepState(StepView step) =>
        State(step.Status == WorkTaskStatus.Completed, step.Status == WorkTaskStatus.Cancelled, step.Overdue, step.EscalationLevel);

    public async Task<IActionResult> OnGetAsync() => await TryAsync(LoadAsync) ?? Page();

    public async Task<IActionResult> OnPostCloseAsync(string? outcomeCode, string? outcome, string? reason, int? version)
    {
        var failed = await TryAsync(LoadAsync);
        if (failed is not null)
        {
            return failed;
        }

        var reasons = Referral!.Steps.Where(s => s.Status == WorkTaskStatus.Open)
            .ToDictionary(s => s.TaskId.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => reason ?? "");
        failed = await TryAsync(() => close.HandleAsync(Id, new CloseReferral.Request(outcomeCode, outcome, reasons, version), Ct));
        if (failed is not null)
        {
            return failed;
        }

        if (Problem is null && ModelState.IsValid)
        {
            Flash = L["Referral.Closed"];
            return Redirect($"/referrals/{Id}");
        }

        return await TryAsync(LoadAsync) ?? Page();
    }

    private async Task LoadAsync()
    {
        Referral = await get.HandleAsync(Id, Ct);
        Timeline = await timeline.ReadAsync(Id, Ct);
        var referral = await access.GetVisibleAsync(Id, Ct);
        CanClose = access.IsCaseOwner(referral) && Referral.ClosedAt is null;
        Diagram = await LoadDiagramAsync(Referral, referral.InstanceId);
    }

    private async Task<DiagramView?> LoadDiagramAsync(ReferralResponse referral, Guid instanceId)
    {
        var assets = ViewerAssets.Find(designer.Value, environment);
        if (assets is null)
        {
            return null;
        }

        // The version the route runs on: a referral transferred from another district (전출) keeps its first district's.
        var versionId = await workflow.Instances.Where(i => i.Id == instanceId).Select(i => i.VersionId).SingleAsync(Ct);
        var version = await store.GetVersionAsync(versionId, Ct);
        if (version is null)
        {
            return null;
        }

        var data = new
        {
            xml = version.Xml,
            steps = referral.Steps.OrderBy(s => s.CreatedAt).ThenBy(s => s.TaskId).Select(s => new { nodeId = s.NodeId, state = StepState(s) }),
            labels = States.ToDictionary(state => state, state => L["State." + state].Value),
            title = $"{L["Referral.Diagram"]} ({referral.WorkflowKey} v{referral.WorkflowVersion})",
        };

        // System.Text.Json escapes <, > and & so the JSON is safe inside a <script> element.
        return new DiagramView(assets.Script, assets.Styles, JsonSerializer.Serialize(data));
    }

    private static readonly string[] States = ["done", "open", "overdue", "escalated", "cancelled"];
}

/// <summary>What the page needs to draw the diagram: the viewer's script and styles and the embedded data.</summary>
public sealed record DiagramView(string Script, IReadOnlyList<string> Styles, string Json);

/// <summary>
/// The designer build's <c>viewer</c> entry, read from Vite's <c>.vite/manifest.json</c> (hashed file names, so the
/// designer's long cache headers stay correct); cached until the manifest changes.
/// </summary>
internal static class ViewerAssets
{
    public const string Entry = "src/viewer/main.ts";

    private static readonly ConcurrentDictionary<string, (DateTime Written, Assets? Value)> Cache = new(StringComparer.Ordinal);

    public sealed record Assets(string Script, IReadOnlyList<string> Styles);

    public static Assets? Find(DesignerOptions options, IWebHostEnvironment environment)
    {
        var folder = DesignerExtensions.ResolveFolder(options, environment);
        if (folder is null)
        {
            return null;
        }

        var manifest = Path.Combine(folder, ".vite", "manifest.json");
        if (!File.Exists(manifest))
        {
            return null;
        }

        var written = File.GetLastWriteTimeUtc(manifest);
        if (Cache.TryGetValue(manifest, out var cached) && cached.Written == written)
        {
            return cached.Value;
        }

        var value = Read(manifest);
        Cache[manifest] = (written, value);
        return value;
    }

    private static Assets? Read(string manifest)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(manifest));
            var chunks = document.RootElement;
            if (!chunks.TryGetProperty(Entry, out var entry) || !entry.TryGetProperty("file", out var file))
            {
                return null;
            }

            // The entry's CSS and that of the chunks it imports (bpmn-js's own styles live in the shared chunk).
            var styles = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            void Collect(JsonElement chunk)
            {
                if (chunk.TryGetProperty("imports", out var imports))
                {
                    foreach (var name in imports.EnumerateArray())
                    {
                        if (seen.Add(name.GetString()!) && chunks.TryGetProperty(name.GetString()!, out var imported))
                        {
                            Collect(imported);
                        }
                    }
                }

                if (chunk.TryGetProperty("css", out var css))
                {
                    styles.AddRange(css.EnumerateArray().Select(c => Url(c.GetString()!)).Where(c => !styles.Contains(c)));
                }
            }

            Collect(entry);
            return new Assets(Url(file.GetString()!), styles);
        }
        catch (Exception ex) when (ex is JsonException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    private static string Url(string file) => $"{DesignerExtensions.RequestPath}/{file}";
}
