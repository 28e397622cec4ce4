using Microsoft.AspNetCore.Identity;

namespace ReferralFlow.Host.Data;

/// <summary>A worker: belongs to exactly one agency; roles (worker, supervisor, …) are Identity roles.</summary>
public sealed class User : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";

    public string AgencyId { get; set; } = "";

    /// <summary>UI and email language: <c>ko</c> (default) or <c>en</c>.</summary>
    public string Language { get; set; } = "ko";

    /// <summary>False once the worker has left: they cannot sign in and their open tasks return to the queue.</summary>
    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>The system-wide roles; a user's agency scopes what each role may see.</summary>
public static class Roles
{
    public const string Worker = "worker";
    public const string Supervisor = "supervisor";
    public const string AgencyAdmin = "agency-admin";
    public const string DistrictHub = "district-hub";
    public const string SystemAdmin = "system-admin";
    public const string Designer = "designer";

    /// <summary>구 관리자: administers the agencies and workers of their own district only.</summary>
    public const string DistrictAdmin = "district-admin";

    public static readonly IReadOnlyList<string> All = [Worker, Supervisor, AgencyAdmin, DistrictHub, SystemAdmin, Designer, DistrictAdmin];
}
