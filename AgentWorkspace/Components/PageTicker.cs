namespace AgentWorkspace.Components;

/// <summary>
/// A page's one clock: calls back once a second on the injected <see cref="TimeProvider"/> until the
/// page goes away. Pages start it only in a live circuit (prerendering has nothing to tick).
/// A tick that throws (a failed database read) is reported to <paramref name="onError"/> and the clock
/// keeps going: the next tick tries again.
public sealed class PageTicker(TimeProvider time, Func<DateTimeOffset, Task> onTick, Action<Exception>? onError = null) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    /// <summary>Cancelled when the page is disposed; for the work a tick starts.</summary>
    public CancellationToken Stopping => _stop.Token;

    public void Start() => _running ??= RunAsync();

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                try
                {
                    await onTick(time.GetUtcNow());
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    onError?.Invoke(ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }
        _stop.Dispose();
    }
}
