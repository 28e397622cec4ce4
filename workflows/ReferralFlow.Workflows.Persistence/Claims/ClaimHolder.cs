namespace ReferralFlow.Workflows.Persistence;

/// <summary>
/// This process as the holder of outbox claims. Where the provider can tell a live process from a dead one (PostgreSQL:
/// the process holds a session advisory lock on <see cref="Key"/> for as long as its listening connection lives), a claim
/// records the key, and another process may take the claimed rows as soon as nobody holds that lock any more: the mails
/// a killed process had claimed wait for no lease. While the lock is not held (SQLite, or before the listener connected)
/// claims record no holder and the lease alone frees them.
/// </summary>
public sealed class ClaimHolder
{
    private int _held;

    /// <summary>The advisory-lock key this process holds; positive, random per process.</summary>
    public long Key { get; } = Random.Shared.NextInt64(1, long.MaxValue >> 1);

    /// <summary>Whether the lock on <see cref="Key"/> is held now, so a claim may name this process.</summary>
    public bool IsHeld => Volatile.Read(ref _held) == 1;

    /// <summary>Records that the lock was taken or its connection lost.</summary>
    /// <param name="held">Whether the lock is held.</param>
    public void SetHeld(bool held) => Volatile.Write(ref _held, held ? 1 : 0);
}
