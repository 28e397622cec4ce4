using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// A workflow definition: its owning district, its key and the draft being edited. Published versions are separate rows
/// and belong to the definition's district.
/// </summary>
public sealed class WorkflowDefinitionRecord
{
    /// <summary>Row id.</summary>
    public Guid Id { get; set; }

    /// <summary>
    /// The district (구) that owns the workflow, e.g. <c>관악구</c>: only its designers edit it and only its referrals run on
    /// it. Empty for rows from before districts owned workflows, until the host assigns them.
    /// </summary>
    public required string District { get; set; }

    /// <summary>The workflow key, unique within its district (e.g. <c>hoarding-household</c>).</summary>
    public required string Key { get; set; }

    /// <summary>Display name (the BPMN process name, or the key).</summary>
    public required string Name { get; set; }

    /// <summary>The draft BPMN XML; may be invalid while it is being edited.</summary>
    public required string DraftXml { get; set; }

    /// <summary>Incremented on every draft save; the optimistic concurrency token for editors.</summary>
    public int DraftRevision { get; set; }

    /// <summary>The highest published version number (0 before the first publish); also a concurrency token.</summary>
    public int LatestVersion { get; set; }

    /// <summary>When the definition was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the draft or the latest version last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class WorkflowDefinitionRecordConfiguration : IEntityTypeConfiguration<WorkflowDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionRecord> builder)
    {
        builder.ToTable("workflow_definitions");
        builder.HasKey(d => d.Id).HasName("pk_workflow_definitions");
        builder.Property(d => d.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(d => d.District).HasColumnName("district").HasMaxLength(100);
        builder.Property(d => d.Key).HasColumnName("key").HasMaxLength(200);
        builder.Property(d => d.Name).HasColumnName("name").HasMaxLength(500);
        builder.Property(d => d.DraftXml).HasColumnName("draft_xml");
        builder.Property(d => d.DraftRevision).HasColumnName("draft_revision").IsConcurrencyToken();
        builder.Property(d => d.LatestVersion).HasColumnName("latest_version").IsConcurrencyToken();
        builder.Property(d => d.CreatedAt).HasColumnName("created_at");
        builder.Property(d => d.UpdatedAt).HasColumnName("updated_at");
        builder.HasIndex(d => new { d.District, d.Key }).IsUnique().HasDatabaseName("ux_workflow_definitions_district_key");
    }
}
