using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>A published, immutable version of a definition; instances run on exactly one version.</summary>
public sealed class WorkflowVersionRecord
{
    /// <summary>Row id; instances refer to it.</summary>
    public Guid Id { get; set; }

    /// <summary>The definition it was published from.</summary>
    public Guid DefinitionId { get; set; }

    /// <summary>Version number, 1, 2, … per definition.</summary>
    public int Version { get; set; }

    /// <summary>The BPMN XML as published (validated).</summary>
    public required string Xml { get; set; }

    /// <summary>When it was published.</summary>
    public DateTimeOffset PublishedAt { get; set; }

    /// <summary>Who published it.</summary>
    public required string PublishedBy { get; set; }
}

internal sealed class WorkflowVersionRecordConfiguration : IEntityTypeConfiguration<WorkflowVersionRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowVersionRecord> builder)
    {
        builder.ToTable("workflow_versions");
        builder.HasKey(v => v.Id).HasName("pk_workflow_versions");
        builder.Property(v => v.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(v => v.DefinitionId).HasColumnName("definition_id");
        builder.Property(v => v.Version).HasColumnName("version");
        builder.Property(v => v.Xml).HasColumnName("xml");
        builder.Property(v => v.PublishedAt).HasColumnName("published_at");
        builder.Property(v => v.PublishedBy).HasColumnName("published_by").HasMaxLength(200);
        builder.HasOne<WorkflowDefinitionRecord>().WithMany().HasForeignKey(v => v.DefinitionId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_workflow_versions_definition");
        builder.HasIndex(v => new { v.DefinitionId, v.Version }).IsUnique().HasDatabaseName("ux_workflow_versions_definition_version");
    }
}
