namespace ReferralFlow.Workflows.Persistence;

/// <summary>A definition's draft as stored.</summary>
/// <param name="Id">Definition row id.</param>
/// <param name="District">The owning district.</param>
/// <param name="Key">Workflow key (unique within the district).</param>
/// <param name="Name">Display name.</param>
/// <param name="Xml">Draft BPMN XML.</param>
/// <param name="Revision">Draft revision; pass it back as the expected revision of the next save.</param>
/// <param name="LatestVersion">Highest published version number, 0 when never published.</param>
/// <param name="UpdatedAt">Last change.</param>
public sealed record WorkflowDraft(Guid Id, string District, string Key, string Name, string Xml, int Revision, int LatestVersion, DateTimeOffset UpdatedAt);

/// <summary>A published, immutable version.</summary>
/// <param name="Id">Version row id (instances refer to it).</param>
/// <param name="District">The district that owns the workflow.</param>
/// <param name="Key">Workflow key (unique within the district).</param>
/// <param name="Version">Version number.</param>
/// <param name="Xml">The published BPMN XML.</param>
/// <param name="PublishedAt">When it was published.</param>
/// <param name="PublishedBy">Who published it.</param>
public sealed record PublishedWorkflowVersion(Guid Id, string District, string Key, int Version, string Xml, DateTimeOffset PublishedAt, string PublishedBy);
