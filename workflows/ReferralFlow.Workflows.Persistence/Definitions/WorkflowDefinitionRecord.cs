using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>A workflow definition: its key and the draft being edited. Published versions are separate rows.</summary>
public sealed class WorkflowDefinitionRecord
{
    /// <summary>Row id.</summary>
    public Guid Id { get; set; }

    /// <summary>The workflow key, unique (e.g. <c>hoarding-household</c>).</summary>
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
        builder.Property(d => d.Key).HasColumnName("key").HasMaxLength(200);
        builder.Property(d => d.Name).HasColumnName("name").HasMaxLength(500);
        builder.Property(d => d.DraftXml).HasColumnName("draft_xml");
        builder.Property(d => d.DraftRevision).HasColumnName("draft_revision").IsConcurrencyToken();
        builder.Property(d => d.LatestVersion).HasColumnName("latest_version").IsConcurrencyToken();
        builder.Property(d => d.CreatedAt).HasColumnName("created_at");
        builder.Property(d => d.UpdatedAt).HasColumnName("updated_at");
        builder.HasIndex(d => d.Key).IsUnique().HasDatabaseName("ux_workflow_definitions_key");
    }
}
