using AgentWorkspace.Features.Escalations;

namespace AgentWorkspace.Tests.Infrastructure;

public static class TimerWaits
{
    /// <summary>Timers reach Hangfire off the caller's thread: wait for the hand-over, not a fixed time.</summary>
    public static Task HandedOverAsync(this RuleTimerWriter writer) =>
        Eventually.TrueAsync(() => writer.Queued == 0, TimeSpan.FromSeconds(10), () => $"{writer.Queued} timers still waiting for Hangfire after 10 s");
}
