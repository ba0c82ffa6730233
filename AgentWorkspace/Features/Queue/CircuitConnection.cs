using Microsoft.AspNetCore.Components.Server.Circuits;

namespace AgentWorkspace.Features.Queue;

/// <summary>
/// Tells a page when its browser connection comes back, so it re-reads the queue from the
/// database instead of trusting what it saw before the drop (no reload needed).
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    public event Func<Task>? Reconnected;

    private bool _wasDown;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        return Task.CompletedTask;
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_wasDown && Reconnected is { } handler)
        {
            _wasDown = false;
            await handler();
        }
    }
}
