using System.Globalization;

namespace ReferralFlow.Benchmarks.Scale;

/// <summary>
/// Arguments of the <c>scale</c> and <c>scale-seed</c> modes: the dataset's size, the database to build or reuse
/// (<c>--database</c> on the server in <c>REFERRALFLOW_TEST_POSTGRES</c>; a throwaway cluster without it; with
/// <c>--provider sqlite</c> a directory of that name under the temp directory), and the runs.
/// </summary>
public sealed record ScaleOptions(int Referrals, int CompletedTasks, string? Database, int Runs, bool Sqlite = false)
{
    public static ScaleOptions Parse(IReadOnlyList<string> args)
    {
        var options = new ScaleOptions(Referrals: 100_000, CompletedTasks: 1_000_000, Database: null, Runs: 15);
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--referrals" => options with { Referrals = Positive(args, ++i) },
                "--completed" => options with { CompletedTasks = Positive(args, ++i) },
                "--runs" => options with { Runs = Positive(args, ++i) },
                "--provider" => options with
                {
                    Sqlite = i + 1 < args.Count && args[++i] is var provider && provider is "sqlite" or "postgres"
                        ? provider == "sqlite" : throw new ArgumentException("--provider is postgres or sqlite."),
                },
                "--database" => options with { Database = i + 1 < args.Count ? args[++i] : throw new ArgumentException("--database needs a name.") },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Use --referrals N --completed N --runs N --database NAME --provider postgres|sqlite."),
            };
        }

        // Every referral gets the same number of completed steps before its open one.
        return options.CompletedTasks % options.Referrals == 0
            ? options
            : throw new ArgumentException("--completed must be a multiple of --referrals.");
    }

    /// <summary>Completed steps before each referral's open step.</summary>
    public int StepsBefore => CompletedTasks / Referrals;

    private static int Positive(IReadOnlyList<string> args, int i) =>
        i < args.Count && int.TryParse(args[i], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new ArgumentException($"{args[i - 1]} must be a positive whole number.");
}
