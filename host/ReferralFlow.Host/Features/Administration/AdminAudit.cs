using System.Text.Json;
using ReferralFlow.Host.Features.Audit;

namespace ReferralFlow.Host.Features.Administration;

/// <summary>
/// Audit entries of administrative changes: the action, the target and, per changed field, its value before and after,
/// as JSON in the entry's detail. Only fields named by the caller are recorded — never a password, token or secret.
/// </summary>
public sealed class AdminAudit(AuditLog audit)
{
    private readonly Dictionary<string, (object? Before, object? After)> _changes = new(StringComparer.Ordinal);

    /// <summary>Notes a field's change (nothing when the value stays the same).</summary>
    public AdminAudit Change(string field, object? before, object? after)
    {
        if (!Equals(before, after) && !(before is IEnumerable<string> b && after is IEnumerable<string> a && b.SequenceEqual(a)))
        {
            _changes[field] = (before, after);
        }

        return this;
    }

    public bool HasChanges => _changes.Count > 0;

    /// <summary>
    /// Adds the entry (saved with the use case's unit of work) and forgets the noted changes. It belongs to the district
    /// of what was changed, whose administrator reads it.
    /// </summary>
    public void Record(string action, string target, string district)
    {
        var detail = JsonSerializer.Serialize(new
        {
            target,
            changes = _changes.ToDictionary(c => c.Key, c => new { before = c.Value.Before, after = c.Value.After }, StringComparer.Ordinal),
        }, Json);
        audit.Record(action, null, detail.Length <= 2000 ? detail : detail[..2000], district);
        _changes.Clear();
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}

/// <summary>Audit action names of district administration.</summary>
public static class AdminActions
{
    public const string AgencyCreated = "admin.agency-created";
    public const string AgencyUpdated = "admin.agency-updated";
    public const string AgencyDeactivated = "admin.agency-deactivated";
    public const string AgencyReactivated = "admin.agency-reactivated";
    public const string WorkerInvited = "admin.worker-invited";
    public const string WorkerUpdated = "admin.worker-updated";
    public const string WorkerMoved = "admin.worker-moved";
    public const string WorkerDeactivated = "admin.worker-deactivated";
    public const string WorkerReactivated = "admin.worker-reactivated";
    public const string WorkerLocked = "admin.worker-locked";
    public const string WorkerUnlocked = "admin.worker-unlocked";
    public const string PasswordResetSent = "admin.password-reset-sent";
    public const string InvitationAccepted = "admin.invitation-accepted";
    public const string TwoFactorReset = "admin.two-factor-reset";
    public const string SettingsUpdated = "admin.settings-updated";
}
