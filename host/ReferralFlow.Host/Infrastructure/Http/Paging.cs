using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace ReferralFlow.Host.Infrastructure.Http;

/// <summary>
/// A page of a list: the items, the cursor of the next page (absent on the last page) and, where counting is cheap,
/// the number of items matching the filters on all pages.
/// </summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor, int? Total)
{
    /// <summary>True when more items match than <see cref="Total"/>: counting stops at <see cref="Paging.CountCap"/>.</summary>
    public bool TotalCapped { get; init; }
}

/// <summary>
/// The API's one paging convention: <c>limit</c> (default 50, at most 200) and an opaque <c>cursor</c> taken from the
/// previous page's <c>nextCursor</c>. Lists are keyset-paginated over a stable order that ends in a unique key, so a
/// page never repeats or skips an item when rows are added meanwhile.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Lists count at most this many matches, so a count never scans a whole history.</summary>
    public const int CountCap = 1000;

    /// <summary>The number of matches up to <see cref="CountCap"/>, and whether there are more.</summary>
    public static async Task<(int Total, bool Capped)> CountAsync<T>(IQueryable<T> query, CancellationToken cancellationToken)
    {
        var count = await query.Take(CountCap + 1).CountAsync(cancellationToken);
        return count > CountCap ? (CountCap, true) : (count, false);
    }

    /// <summary>The validated <c>limit</c>; 400 naming it when out of range.</summary>
    public static int Limit(int? limit) => limit switch
    {
        null => DefaultLimit,
        < 1 or > MaxLimit => throw ApiException.Invalid("limit", ProblemCode.LimitOutOfRange, MaxLimit),
        _ => limit.Value,
    };

    /// <summary>An opaque cursor from the sort key of the last item of a page.</summary>
    public static string Cursor(params string[] key) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(key));

    /// <summary>The sort key in <paramref name="cursor"/> (null when absent); 400 naming <c>cursor</c> when it is not one of ours.</summary>
    public static CursorKey? Read(string? cursor, int parts)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var key = JsonSerializer.Deserialize<string[]>(Base64Url.DecodeFromChars(cursor));
            return key is { Length: var n } && n == parts ? new CursorKey(key) : throw Invalid();
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            throw Invalid();
        }
    }

    /// <summary>
    /// The page from rows fetched with <c>limit + 1</c>: the extra row only tells that another page follows, and the
    /// cursor is the key of the last row shown.
    /// </summary>
    public static Page<T> Of<T>(IReadOnlyList<T> rows, int limit, Func<T, string> cursorOf, int? total = null)
    {
        var items = rows.Count > limit ? rows.Take(limit).ToList() : rows;
        return new Page<T>(items, rows.Count > limit ? cursorOf(items[^1]) : null, total);
    }

    /// <summary>The page of an already ordered list held in memory: the items after <paramref name="after"/>.</summary>
    public static Page<T> Slice<T>(IReadOnlyList<T> ordered, int limit, Func<T, bool>? after, Func<T, string> cursorOf)
    {
        var rest = after is null ? ordered : ordered.SkipWhile(item => !after(item)).ToList();
        return Of([.. rest.Take(limit + 1)], limit, cursorOf, ordered.Count);
    }

    internal static ApiException Invalid() =>
        ApiException.Invalid("cursor", ProblemCode.CursorInvalid);

    internal static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    internal static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static string Text(Guid id) => id.ToString("D");

    internal static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The parts of a cursor's sort key; a part that does not parse is a 400 naming <c>cursor</c>.</summary>
public sealed class CursorKey(string[] parts)
{
    public string Text(int i) => parts[i];

    public Guid Guid(int i) => System.Guid.TryParse(parts[i], out var id) ? id : throw Paging.Invalid();

    public long Long(int i) => long.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : throw Paging.Invalid();

    public int Int(int i) => int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : throw Paging.Invalid();

    public DateTimeOffset Time(int i) =>
        DateTimeOffset.TryParse(parts[i], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : throw Paging.Invalid();

    public DateOnly Date(int i) =>
        DateOnly.TryParseExact(parts[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : throw Paging.Invalid();

    /// <summary>A part that may be empty (a null key, e.g. a task without a deadline).</summary>
    public DateTimeOffset? OptionalTime(int i) => parts[i].Length == 0 ? null : Time(i);
}
