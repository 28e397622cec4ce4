using System.Globalization;
using System.Resources;

namespace ReferralFlow.Host.Resources;

/// <summary>
/// The texts of problem responses: <c>ProblemText.resx</c> (Korean, the default) and <c>ProblemText.en.resx</c>, keyed by
/// problem code, <c>label-…</c> (field names used as arguments) and <c>title-&lt;status&gt;</c>.
/// </summary>
public static class ProblemText
{
    public static readonly ResourceManager Manager = new("ReferralFlow.Host.Resources.ProblemText", typeof(ProblemText).Assembly);

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/> (Korean when it has none), else the key itself.</summary>
    public static string Get(string key, CultureInfo culture) => Manager.GetString(key, culture) ?? key;

    /// <summary>The localised title of an HTTP status (<c>title-404</c>), else the generic one.</summary>
    public static string Title(int status, CultureInfo culture) =>
        Manager.GetString($"title-{status.ToString(CultureInfo.InvariantCulture)}", culture) ?? Get("title", culture);
}
