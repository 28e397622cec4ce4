using ReferralFlow.Host.Data;
using ReferralFlow.Host.Infrastructure.Http;

namespace ReferralFlow.Host.Features.Alerts;

/// <summary>The API's names of kinds and modes (kebab-case), and their validation.</summary>
public static class AlertModes
{
    public static readonly IReadOnlyList<NotificationKind> Kinds = Enum.GetValues<NotificationKind>();

    public static string Name(NotificationKind kind) => Bell.ListBell.Kind(kind);

    public static string Name(NotificationMode mode) => mode switch
    {
        NotificationMode.Immediately => "immediately",
        NotificationMode.Digest => "digest",
        _ => "app-only",
    };

    public static NotificationKind? Kind(string name) => Kinds.Cast<NotificationKind?>().FirstOrDefault(k => Name(k!.Value) == name);

    public static NotificationMode? Mode(string? name) => name switch
    {
        "immediately" => NotificationMode.Immediately,
        "digest" => NotificationMode.Digest,
        "app-only" => NotificationMode.AppOnly,
        _ => null,
    };

    /// <summary>The request's choices, kind by kind; unknown kinds and modes are a 400 naming the field.</summary>
    public static Dictionary<NotificationKind, NotificationMode> Parse(IReadOnlyDictionary<string, string>? modes, string field)
    {
        var errors = new ProblemErrors();
        var parsed = new Dictionary<NotificationKind, NotificationMode>();
        foreach (var (name, value) in modes ?? new Dictionary<string, string>())
        {
            if (Kind(name) is not { } kind)
            {
                errors.Add($"{field}.{name}", ProblemCode.ValueNotAllowed, string.Join(", ", Kinds.Select(Name)));
            }
            else if (Mode(value) is not { } mode)
            {
                errors.Add($"{field}.{name}", ProblemCode.ValueNotAllowed, "immediately, digest, app-only");
            }
            else
            {
                parsed[kind] = mode;
            }
        }

        errors.ThrowIfAny();
        return parsed;
    }
}
