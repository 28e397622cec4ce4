using System.Globalization;
using ReferralFlow.Host.Resources;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// A problem's code and the arguments of its text. The text is formatted when read, in the given culture or the current
/// UI culture (the pages run in the worker's; the API's exception handler sets the caller's), so one exception serves both.
/// Arguments that are <see cref="ProblemLabel"/>s or messages are localised too; everything else is inserted as is.
/// </summary>
public sealed class ProblemMessage(ProblemCode code, IReadOnlyList<object?> args) : IEquatable<ProblemMessage>
{
    public ProblemCode Code { get; } = code;

    public IReadOnlyList<object?> Args { get; } = args;

    public string Format(CultureInfo culture)
    {
        var values = Args.Select(a => a switch
        {
            ProblemLabel label => label.Format(culture),
            ProblemMessage message => message.Format(culture),
            _ => a,
        }).ToArray();
        return string.Format(culture, ProblemText.Get(Code.Value, culture), values);
    }

    public override string ToString() => Format(CultureInfo.CurrentUICulture);

    public bool Equals(ProblemMessage? other) => other is not null && Code == other.Code && Args.SequenceEqual(other.Args);

    public override bool Equals(object? obj) => Equals(obj as ProblemMessage);

    public override int GetHashCode() => HashCode.Combine(Code, Args.Count);
}
