using AgentWorkspace.Components;
using AgentWorkspace.Tests.Infrastructure;

namespace AgentWorkspace.Tests.Components;

public sealed class PageTickerTests
{
    [Fact]
    public async Task The_clock_keeps_ticking_after_a_tick_fails()
    {
        var clock = TestClock.NewFake();
        var ticks = 0;
        var errors = new List<Exception>();
        var seen = new TaskCompletionSource();
        await using var ticker = new PageTicker(clock, _ =>
        {
            if (Interlocked.Increment(ref ticks) == 1)
            {
                throw new InvalidOperationException("database is locked");
            }
            if (ticks == 3)
            {
                seen.TrySetResult();
            }
            return Task.CompletedTask;
        }, errors.Add);
        ticker.Start();

        for (var i = 0; i < 50 && !seen.Task.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await seen.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Single(errors);
        Assert.True(ticks >= 3);
    }
}
