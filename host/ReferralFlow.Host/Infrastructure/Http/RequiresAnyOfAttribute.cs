namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// A request needs at least one of these JSON properties (e.g. a worker or an agency to give a task to); documented as
/// the schema's <c>anyOf</c> of single required properties.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class RequiresAnyOfAttribute(params string[] properties) : Attribute
{
    public IReadOnlyList<string> Properties { get; } = properties;
}
