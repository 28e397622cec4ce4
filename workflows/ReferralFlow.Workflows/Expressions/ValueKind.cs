namespace ReferralFlow.Workflows.Expressions;

/// <summary>The language's value types.</summary>
internal enum ValueKind
{
    Null,
    Bool,
    Number,
    String,
    List,
    Object,
}
