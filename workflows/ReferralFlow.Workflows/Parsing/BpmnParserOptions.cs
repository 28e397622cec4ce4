namespace ReferralFlow.Workflows.Parsing;

/// <summary>Limits for parsing untrusted BPMN documents, and what the host knows.</summary>
public sealed record BpmnParserOptions
{
    /// <summary>Default limits.</summary>
    public static BpmnParserOptions Default { get; } = new();

    /// <summary>Largest accepted document, in characters (default 4 Mi).</summary>
    public int MaxCharacters { get; init; } = 4 * 1024 * 1024;

    /// <summary>Deepest accepted element nesting (default 64).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most accepted flow elements in the process (default 5,000).</summary>
    public int MaxElements { get; init; } = 5_000;

    /// <summary>
    /// The process to execute when the document has several; by default the one the document names in
    /// <c>rf:process</c> on its definitions, else the first executable one with a start event.
    /// </summary>
    public string? ProcessId { get; init; }

    /// <summary>Role keys the host knows; when set, a user task with any other role is an error.</summary>
    public IReadOnlySet<string>? KnownRoles { get; init; }

    /// <summary>Escalation policy names the host knows; when set, any other <c>rf:escalation</c> is an error.</summary>
    public IReadOnlySet<string>? KnownEscalationPolicies { get; init; }

    /// <summary>Whom send tasks may address; when set, any other <c>rf:to</c> is an error (<c>send-to-not-allowed</c>).</summary>
    public Validation.SendRecipientRules? SendRecipients { get; init; }
}
