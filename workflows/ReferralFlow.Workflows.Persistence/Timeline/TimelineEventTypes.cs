namespace ReferralFlow.Workflows.Persistence;

/// <summary>The timeline event types the engine writes.</summary>
public static class TimelineEventTypes
{
    /// <summary>The instance was started.</summary>
    public const string InstanceStarted = "instance-started";

    /// <summary>A user task was created.</summary>
    public const string TaskCreated = "task-created";

    /// <summary>A user task was completed.</summary>
    public const string TaskCompleted = "task-completed";

    /// <summary>A user task was cancelled.</summary>
    public const string TaskCancelled = "task-cancelled";

    /// <summary>A timer was scheduled.</summary>
    public const string TimerScheduled = "timer-scheduled";

    /// <summary>A timer fired.</summary>
    public const string TimerFired = "timer-fired";

    /// <summary>A timer was cancelled.</summary>
    public const string TimerCancelled = "timer-cancelled";

    /// <summary>A send task requested a message.</summary>
    public const string MessageRequested = "message-requested";

    /// <summary>A token got stuck.</summary>
    public const string Incident = "incident";

    /// <summary>A repair moved a token.</summary>
    public const string TokenMoved = "token-moved";

    /// <summary>A repair added a token (e.g. reopened a step).</summary>
    public const string TokenAdded = "token-added";

    /// <summary>A repair removed a token (cancelled a branch).</summary>
    public const string TokenRemoved = "token-removed";

    /// <summary>A repair moved the instance to a newer version of its workflow.</summary>
    public const string InstanceMigrated = "instance-migrated";

    /// <summary>The instance completed (or was terminated).</summary>
    public const string InstanceCompleted = "instance-completed";

    /// <summary>The instance was cancelled.</summary>
    public const string InstanceCancelled = "instance-cancelled";
}
