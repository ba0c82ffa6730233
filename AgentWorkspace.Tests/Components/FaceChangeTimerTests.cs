using AgentWorkspace.Components;
using AgentWorkspace.Tests.Infrastructure;

namespace AgentWorkspace.Tests.Components;

public sealed class FaceChangeTimerTests
{
    [Fact]
    public void It_wakes_the_page_once_at_the_armed_instant_and_not_every_second()
    {
        var clock = TestClock.NewFake();
        var wakes = 0;
        using var timer = new FaceChangeTimer(clock, () => { wakes++; return Task.CompletedTask; });

        timer.Arm(clock.GetUtcNow().AddSeconds(90));
        clock.Advance(TimeSpan.FromSeconds(89));
        Assert.Equal(0, wakes);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, wakes);
        clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, wakes);
    }

    [Fact]
    public void Arming_again_moves_the_wake_and_the_far_future_disarms_it()
    {
        var clock = TestClock.NewFake();
        var wakes = 0;
        using var timer = new FaceChangeTimer(clock, () => { wakes++; return Task.CompletedTask; });

        timer.Arm(clock.GetUtcNow().AddSeconds(10));
        timer.Arm(clock.GetUtcNow().AddSeconds(30));
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(0, wakes);

        timer.Arm(DateTimeOffset.MaxValue);
        Assert.Null(timer.ArmedFor);
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, wakes);
    }

    [Fact]
    public void A_change_already_past_wakes_the_page_after_the_shortest_pause_not_in_a_spin()
    {
        var clock = TestClock.NewFake();
        var wakes = 0;
        using var timer = new FaceChangeTimer(clock, () => { wakes++; return Task.CompletedTask; });

        timer.Arm(clock.GetUtcNow().AddSeconds(-5));
        Assert.Equal(0, wakes);
        clock.Advance(FaceChangeTimer.Shortest);
        Assert.Equal(1, wakes);
    }

    [Fact]
    public void A_disposed_timer_never_wakes_the_page_it_belonged_to()
    {
        var clock = TestClock.NewFake();
        var wakes = 0;
        var timer = new FaceChangeTimer(clock, () => { wakes++; return Task.CompletedTask; });
        timer.Arm(clock.GetUtcNow().AddSeconds(1));
        timer.Dispose();
        timer.Arm(clock.GetUtcNow().AddSeconds(2));

        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, wakes);
    }
}
