using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Realtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentWorkspace.Tests.Realtime;

public sealed class CircuitEventBusTests
{
    private readonly CircuitEventBus _bus = new(NullLogger<CircuitEventBus>.Instance);

    private static WorkspaceEvent Event(int n) => new WorkspaceEvent.AgentStatusChanged($"agent{n}", "Online", "lijie");

    [Fact]
    public async Task Publishing_returns_before_a_busy_listener_has_run()
    {
        // A page whose InvokeAsync runs inline does its render on the caller's thread: the publisher
        // (an ingest request) must not be that caller.
        using var gate = new ManualResetEventSlim();
        var released = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = _bus.Subscribe(_ =>
        {
            released.TrySetResult(gate.Wait(TimeSpan.FromSeconds(5)));
            return Task.CompletedTask;
        });

        _bus.Publish(Event(1));
        gate.Set();

        Assert.True(await released.Task.WaitAsync(TimeSpan.FromSeconds(10)), "Publish waited for the listener's work");
    }

    [Fact]
    public async Task Each_listener_takes_its_events_in_order_and_a_stuck_one_holds_up_nobody_else()
    {
        var heard = new List<string>();
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuck = new TaskCompletionSource();
        using var slow = _bus.Subscribe(_ => stuck.Task);
        using var ordered = _bus.Subscribe(async e =>
        {
            // Yield now and then, as a page's InvokeAsync does when its circuit is busy.
            if (heard.Count % 7 == 0)
            {
                await Task.Yield();
            }
            heard.Add(((WorkspaceEvent.AgentStatusChanged)e).UserName);
            if (heard.Count == 200)
            {
                all.TrySetResult();
            }
        });

        for (var i = 0; i < 200; i++)
        {
            _bus.Publish(Event(i));
        }

        await all.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"agent{i}"), heard);
        stuck.SetResult();
    }

    [Fact]
    public async Task A_disposed_subscription_hears_nothing_more_and_a_failing_listener_keeps_listening()
    {
        var gone = 0;
        var failing = new List<int>();
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = _bus.Subscribe(_ =>
        {
            Interlocked.Increment(ref gone);
            return Task.CompletedTask;
        });
        subscription.Dispose();
        using var throwing = _bus.Subscribe(e =>
        {
            var n = int.Parse(((WorkspaceEvent.AgentStatusChanged)e).UserName["agent".Length..], System.Globalization.CultureInfo.InvariantCulture);
            failing.Add(n);
            if (n == 2)
            {
                second.TrySetResult();
            }
            return n == 1 ? throw new InvalidOperationException("a page failed") : Task.CompletedTask;
        });

        _bus.Publish(Event(1));
        _bus.Publish(Event(2));

        await second.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2], failing);
        Assert.Equal(0, gone);
    }

    [Fact]
    public async Task A_listener_hears_in_its_own_language_whoever_publishes()
    {
        var heardIn = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var original = System.Globalization.CultureInfo.CurrentUICulture;
        IDisposable subscription;
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-Hans");
        try
        {
            subscription = _bus.Subscribe(_ =>
            {
                heardIn.TrySetResult(System.Globalization.CultureInfo.CurrentUICulture.Name);
                return Task.CompletedTask;
            });
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = original;
        }

        // An English-speaking colleague's action publishes it.
        await Task.Run(() =>
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
            _bus.Publish(Event(1));
        });

        Assert.Equal("zh-Hans", await heardIn.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        subscription.Dispose();
    }
}
