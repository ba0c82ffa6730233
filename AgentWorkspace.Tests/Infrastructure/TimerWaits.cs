using AgentWorkspace.Features.Escalations;

namespace AgentWorkspace.Tests.Infrastructure;

public static class TimerWaits
{
    /// <summary>Timers reach Hangfire off the caller's thread: wait for the hand-over, not a fixed time.</summary>
    public static async Task HandedOverAsync(this RuleTimerWriter writer)
    {
        for (var waited = 0; writer.Queued > 0; waited++)
        {
            Assert.True(waited < 200, $"{writer.Queued} timers still waiting for Hangfire after 10 s");
            await Task.Delay(50);
        }
    }
}
