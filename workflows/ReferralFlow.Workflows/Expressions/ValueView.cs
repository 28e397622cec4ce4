namespace ReferralFlow.Workflows.Expressions;

/// <summary>
/// A classified runtime value. Scalars are unpacked (numbers normalised to decimal) without boxing;
/// lists and objects keep the underlying container in <see cref="Composite"/>
/// (an <see cref="IReadOnlyList{T}"/>, a non-generic list, a dictionary, or a boxed JSON element).
/// </summary>
internal readonly struct ValueView
{
    private ValueView(ValueKind kind, decimal number, bool boolean, string? text, object? composite)
    {
        Kind = kind;
        Number = number;
        Bool = boolean;
        Text = text;
        Composite = composite;
    }

    public ValueKind Kind { get; }

    public decimal Number { get; }

    public bool Bool { get; }

    public string? Text { get; }

    public object? Composite { get; }

    public static ValueView Null => default;

    public static ValueView FromBool(bool value) => new(ValueKind.Bool, 0m, value, null, null);

    public static ValueView FromNumber(decimal value) => new(ValueKind.Number, value, false, null, null);

    public static ValueView FromString(string value) => new(ValueKind.String, 0m, false, value, null);

    public static ValueView FromList(object list) => new(ValueKind.List, 0m, false, null, list);

    public static ValueView FromObject(object obj) => new(ValueKind.Object, 0m, false, null, obj);
}
