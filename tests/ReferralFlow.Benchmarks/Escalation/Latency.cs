namespace ReferralFlow.Benchmarks.Escalation;

/// <summary>Percentiles of a set of latencies in seconds.</summary>
internal sealed record Latency(double P50, double P95, double P99, double Max, int Count)
{
    public static Latency Of(IEnumerable<double> seconds)
    {
        var values = seconds.Order().ToList();
        double P(double q) => values.Count == 0 ? double.NaN : values[Math.Min(values.Count - 1, (int)(q * values.Count))];
        return new Latency(P(0.5), P(0.95), P(0.99), values.Count == 0 ? double.NaN : values[^1], values.Count);
    }

    public override string ToString() => $"p50 {P50:F2}, p95 {P95:F2}, p99 {P99:F2}, max {Max:F2} ({Count} messages)";
}
