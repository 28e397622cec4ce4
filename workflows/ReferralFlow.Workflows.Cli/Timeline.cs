using System.Globalization;
using ReferralFlow.Workflows.Execution;
using ReferralFlow.Workflows.Model;

namespace ReferralFlow.Workflows.Cli;

/// <summary>Prints effects as a bilingual (Korean / English) case timeline.</summary>
public sealed class Timeline(WorkflowDefinition definition, TextWriter output)
{
    public void Write(DateTimeOffset at, IEnumerable<ExecutionEffect> effects)
    {
        foreach (var effect in effects)
        {
            if (Describe(effect) is { } line)
            {
                Line(at, line);
            }
        }
    }

    public void Line(DateTimeOffset at, string text) => output.WriteLine($"[{Format(at)}] {text}");

    public static string Format(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private string? Describe(ExecutionEffect effect) => effect switch
    {
        TaskCreated t => $"과업 생성 Task created   #{t.TaskId} {t.Name} — 역할 role: {Role(t.RoleKey)}"
            + (t.DueAt is { } due ? $", 기한 due: {Format(due)}" : "")
            + (t.EscalationPolicy is { } policy ? $", 에스컬레이션 escalation: {policy}" : ""),
        TaskCompleted t => $"과업 완료 Task completed #{t.TaskId} {Name(t.NodeId)}",
        TaskCancelled t => $"과업 취소 Task cancelled #{t.TaskId} {Name(t.NodeId)} — {t.Reason}",
        TimerScheduled t => $"타이머 예약 Timer set    #{t.TimerId} {Name(t.NodeId)} → {Format(t.DueAt)}",
        TimerFired t => $"타이머 만료 Timer fired  #{t.TimerId} {Name(t.NodeId)}",
        MessageRequested m => $"메시지 발송 Message sent  {Name(m.NodeId)} ({m.Type}{(m.To is null ? "" : $" → {m.To}")}{(m.Template is null ? "" : $", template {m.Template}")})",
        IncidentRaised i => $"장애 발생 Incident       {Name(i.NodeId)}: {i.Message}",
        InstanceCompleted c => c.Terminated ? "사례 종료 Instance terminated" : "사례 완료 Instance completed",
        InstanceCancelled c => $"사례 취소 Instance cancelled: {c.Reason}",
        _ => null, // Cancelled timers are routine when a task finishes before its deadline.
    };

    private string Name(string nodeId) =>
        definition.TryGetNode(nodeId, out var node) ? node.DisplayName : nodeId;

    private string Role(string? key)
    {
        if (key is null)
        {
            return "-";
        }

        var role = definition.Roles.FirstOrDefault(r => r.Key == key);
        return role?.Name is { } name ? $"{name} ({key})" : key;
    }
}
