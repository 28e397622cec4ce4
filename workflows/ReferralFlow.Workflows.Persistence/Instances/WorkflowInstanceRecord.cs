using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReferralFlow.Workflows.Execution;

namespace ReferralFlow.Workflows.Persistence;

/// <summary>One running or ended workflow instance (a referral's route through a version).</summary>
public sealed class WorkflowInstanceRecord
{
    /// <summary>Row id.</summary>
    public Guid Id { get; set; }

    /// <summary>The published version it runs on, for its whole life.</summary>
    public Guid VersionId { get; set; }

    /// <summary>The caller's key, e.g. the referral number.</summary>
    public string? BusinessKey { get; set; }

    /// <summary>Lifecycle status, mirrored from the state document for queries.</summary>
    public InstanceStatus Status { get; set; }

    /// <summary>The interpreter state (<see cref="InstanceStateJson"/>).</summary>
    public required string StateJson { get; set; }

    /// <summary>Incremented on every write; the optimistic concurrency token.</summary>
    public int Revision { get; set; }

    /// <summary>When it was started.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When it completed, terminated or was cancelled.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>
    /// Routing: which agency fills each role of this instance (JSON object role key → agency id). New task rows get
    /// their <see cref="WorkTaskRecord.AgencyId"/> from it; a host changes it when a role is reallocated.
    /// </summary>
    public string? RoleAgenciesJson { get; set; }
}

internal sealed class WorkflowInstanceRecordConfiguration : IEntityTypeConfiguration<WorkflowInstanceRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowInstanceRecord> builder)
    {
        builder.ToTable("workflow_instances");
        builder.HasKey(i => i.Id).HasName("pk_workflow_instances");
        builder.Property(i => i.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(i => i.VersionId).HasColumnName("version_id");
        builder.Property(i => i.BusinessKey).HasColumnName("business_key").HasMaxLength(200);
        builder.Property(i => i.Status).HasColumnName("status").HasMaxLength(20).HasConversion<string>();
        builder.Property(i => i.StateJson).HasColumnName("state_json");
        builder.Property(i => i.Revision).HasColumnName("revision").IsConcurrencyToken();
        builder.Property(i => i.CreatedAt).HasColumnName("created_at");
        builder.Property(i => i.UpdatedAt).HasColumnName("updated_at");
        builder.Property(i => i.EndedAt).HasColumnName("ended_at");
        builder.Property(i => i.RoleAgenciesJson).HasColumnName("role_agencies_json");
        builder.HasOne<WorkflowVersionRecord>().WithMany().HasForeignKey(i => i.VersionId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_workflow_instances_version");
        builder.HasIndex(i => i.VersionId).HasDatabaseName("ix_workflow_instances_version");
        builder.HasIndex(i => i.BusinessKey).HasDatabaseName("ix_workflow_instances_business_key");
        builder.HasIndex(i => i.Status).HasDatabaseName("ix_workflow_instances_status");
    }
}
