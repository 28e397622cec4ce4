using System.Text.Json;
using System.Text.Json.Nodes;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Host.Features.CaseViews;

/// <summary>
/// Health fields (<c>rf:health="true"</c>, 민감정보) of a step's outcome: their values leave a view unless the caller may see
/// health data (<see cref="ReferralAccess.CanSeeHealthDataAsync"/>); the outcome's entries still list them, marked withheld.
/// </summary>
public static class HealthFields
{
    /// <summary>Why a value is not shown: the consent does not cover health data for the caller's agency (건강정보 동의 없음).</summary>
    public const string NoHealthConsent = "noHealthConsent";

    /// <summary>The ids of the health fields of a step's form (none when the step is not a user task of the definition).</summary>
    public static IReadOnlySet<string> Of(WorkflowDefinition definition, string? nodeId) =>
        nodeId is not null && definition.TryGetNode(nodeId, out var node) && node is UserTask task
            ? task.Fields.Where(f => f.Health).Select(f => f.Id).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The raw outcome without its health values when <paramref name="showHealth"/> is false.</summary>
    public static JsonElement? Redact(WorkflowDefinition definition, string nodeId, JsonElement? outcome, bool showHealth)
    {
        if (showHealth || outcome is not { ValueKind: JsonValueKind.Object } values)
        {
            return outcome;
        }

        var health = Of(definition, nodeId);
        if (!values.EnumerateObject().Any(p => health.Contains(p.Name)))
        {
            return outcome;
        }

        var kept = new JsonObject();
        foreach (var property in values.EnumerateObject().Where(p => !health.Contains(p.Name)))
        {
            kept[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }

        return JsonSerializer.SerializeToElement(kept);
    }

    /// <summary>A timeline outcome object without its health values when <paramref name="showHealth"/> is false.</summary>
    public static JsonNode? Redact(WorkflowDefinition definition, string? nodeId, JsonNode? outcome, bool showHealth)
    {
        if (showHealth || outcome is not JsonObject values)
        {
            return outcome?.DeepClone();
        }

        var health = Of(definition, nodeId);
        var kept = new JsonObject();
        foreach (var (key, value) in values)
        {
            if (!health.Contains(key))
            {
                kept[key] = value?.DeepClone();
            }
        }

        return kept;
    }
}
