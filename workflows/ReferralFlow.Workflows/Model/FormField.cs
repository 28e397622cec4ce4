namespace ReferralFlow.Workflows.Model;

/// <summary>The kinds of outcome form fields.</summary>
public enum FormFieldType
{
    /// <summary>Single-line text.</summary>
    Text,
    /// <summary>Multi-line text.</summary>
    Textarea,
    /// <summary>A decimal number.</summary>
    Number,
    /// <summary>A calendar date (ISO <c>yyyy-MM-dd</c>).</summary>
    Date,
    /// <summary>Yes or no.</summary>
    Boolean,
    /// <summary>One of a list of options.</summary>
    Select,
}

/// <summary>An option of a select field.</summary>
public sealed record FormFieldOption(string Value, string? Label);

/// <summary>An outcome form field of a user task (<c>rf:field</c>); its value becomes a variable of the same id.</summary>
/// <param name="Id">The field's id, also the variable name.</param>
/// <param name="Type">The kind of value.</param>
/// <param name="Label">The label shown on the form.</param>
/// <param name="Required">Whether the step cannot be completed without a value.</param>
/// <param name="Options">The options of a select field.</param>
/// <param name="Health">
/// Whether the value is health data (민감정보, <c>rf:health="true"</c>): shown only to agencies with health consent and
/// never exported.
/// </param>
public sealed record FormField(string Id, FormFieldType Type, string? Label, bool Required, IReadOnlyList<FormFieldOption> Options, bool Health = false);
