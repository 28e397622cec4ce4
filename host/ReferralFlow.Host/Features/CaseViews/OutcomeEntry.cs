using System.Text.Json;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Host.Features.CaseViews;

/// <summary>
/// One value of a completed step's outcome: the field's id and label, the value, and the chosen option's label. A health
/// field's value is withheld (null, with <c>Withheld</c> saying why: <c>noHealthConsent</c>) from callers without health consent.
/// </summary>
public sealed record OutcomeEntry(string Id, string Label, FormFieldType? Type, JsonElement Value, string? Choice, bool Health = false, string? Withheld = null)
{
    private static readonly JsonElement Null = JsonSerializer.SerializeToElement<object?>(null);

    /// <summary>
    /// The outcome read with the step's form (labels, option labels) in the form's order; values without a field (a
    /// form changed in a later version) follow under their ids. Empty when there is no outcome. Health values are withheld
    /// unless <paramref name="showHealth"/> (<see cref="ReferralAccess.CanSeeHealthDataAsync"/>).
    /// </summary>
    public static IReadOnlyList<OutcomeEntry> Read(WorkflowDefinition definition, string nodeId, JsonElement? outcome, bool showHealth)
    {
        if (outcome is not { ValueKind: JsonValueKind.Object } values)
        {
            return [];
        }

        var fields = definition.TryGetNode(nodeId, out var node) && node is UserTask form ? form.Fields : [];
        var order = fields.Select((f, i) => (f.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        return [.. values.EnumerateObject()
            .OrderBy(p => order.GetValueOrDefault(p.Name, int.MaxValue))
            .Select(p =>
            {
                var field = fields.FirstOrDefault(f => f.Id == p.Name);
                if (field is { Health: true } && !showHealth)
                {
                    return new OutcomeEntry(p.Name, field.Label ?? p.Name, field.Type, Null, null, true, HealthFields.NoHealthConsent);
                }

                var choice = field?.Options.FirstOrDefault(o => o.Value == p.Value.ToString())?.Label;
                return new OutcomeEntry(p.Name, field?.Label ?? p.Name, field?.Type, p.Value, choice, field?.Health ?? false);
            })];
    }
}
