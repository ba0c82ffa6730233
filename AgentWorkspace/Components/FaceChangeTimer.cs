namespace AgentWorkspace.Components;

/// <summary>
/// Wakes a page once, at the next instant its face changes by time alone (a countdown's tone, the
/// hint ring running out), instead of every second: the figures themselves tick in the browser, so a
/// page with nothing about to change costs its server nothing while it sits open. The page arms it
/// after each render with the next instant; <see cref="DateTimeOffset.MaxValue"/> disarms it.
/// </summary>
public sealed class FaceChangeTimer(TimeProvider time, Func<Task> onDue) : IDisposable
{
    /// <summary>
    /// A face computed wrongly as already changed must not spin the page: it is woken at most this often.
    /// </summary>
    public static readonly TimeSpan Shortest = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private ITimer? _timer;
    private bool _disposed;

    /// <summary>When the timer is set to fire, for tests and diagnostics; null when disarmed.</summary>
    public DateTimeOffset? ArmedFor { get; private set; }

    public void Arm(DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }
            if (at == DateTimeOffset.MaxValue)
            {
                _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                ArmedFor = null;
                return;
            }
            var wait = at - time.GetUtcNow();
            wait = wait < Shortest ? Shortest : wait;
            _timer ??= time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _timer.Change(wait, Timeout.InfiniteTimeSpan);
            ArmedFor = at;
        }
    }

    private async void Fire()
    {
        lock (_gate)
        {
            ArmedFor = null;
        }
        try
        {
            await onDue();
        }
        catch (Exception)
        {
            // A timer callback must never throw (it would end the process). A page gone while the timer
            // fired has nothing left to wake; a render that fails is the circuit's to report, not ours.
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _timer?.Dispose();
            _timer = null;
            ArmedFor = null;
        }
    }
}
