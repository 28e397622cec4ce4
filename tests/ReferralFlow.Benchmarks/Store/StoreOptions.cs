using System.Globalization;

namespace ReferralFlow.Benchmarks.Store;

/// <summary>Arguments of the <c>store</c> mode.</summary>
public sealed record StoreOptions(int Instances, int Concurrency, bool Inclusive, int WarmUp, int PgBenchSeconds = 10)
{
    public static bool TryParse(IReadOnlyList<string> args, out StoreOptions options, out string? error)
    {
        try
        {
            options = Parse(args);
            error = null;
            return true;
        }
        catch (ArgumentException ex)
        {
            options = null!;
            error = ex.Message;
            return false;
        }
    }

    public static StoreOptions Parse(IReadOnlyList<string> args)
    {
        var options = new StoreOptions(Instances: 500, Concurrency: 4, Inclusive: false, WarmUp: 200);
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--instances" => options with { Instances = Positive(args, ++i) },
                "--concurrency" => options with { Concurrency = Positive(args, ++i) },
                "--warmup" => options with { WarmUp = Positive(args, ++i) },
                "--variant" => options with { Inclusive = Variant(Value(args, ++i)) },
                "--pgbench" => options with { PgBenchSeconds = NonNegative(args, ++i) },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Use --instances N --concurrency C [--variant parallel|inclusive] [--warmup N] [--pgbench SECONDS]."),
            };
        }

        return options;
    }

    private static int Positive(IReadOnlyList<string> args, int i)
    {
        return int.TryParse(Value(args, i), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{args[i - 1]} must be a positive whole number.");
    }

    private static int NonNegative(IReadOnlyList<string> args, int i)
    {
        return int.TryParse(Value(args, i), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"{args[i - 1]} must be a whole number (0 skips it).");
    }

    private static bool Variant(string value) => value switch
    {
        "parallel" => false,
        "inclusive" => true,
        _ => throw new ArgumentException($"--variant must be 'parallel' or 'inclusive', not '{value}'."),
    };

    private static string Value(IReadOnlyList<string> args, int i) =>
        i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");
}
