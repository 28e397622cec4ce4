namespace ReferralFlow.Host.Infrastructure;

/// <summary>
/// The host's command-line switches. .NET's command-line configuration reads <c>--key value</c> pairs, so a bare switch
/// such as <c>--seed-demo</c> would take the next option as its value (<c>--seed-demo --urls …</c> loses the URL).
/// Switches are rewritten to <c>--key=value</c> before configuration sees them.
/// </summary>
public static class HostArguments
{
    private static readonly Dictionary<string, string> Switches = new(StringComparer.OrdinalIgnoreCase)
    {
        ["--seed-demo"] = "--Demo:Seed=true",
    };

    public static string[] Normalize(string[] args) =>
        [.. args.Select(a => Switches.TryGetValue(a, out var replacement) ? replacement : a)];
}
