using System.Security.Claims;

namespace AgentWorkspace.Features;

/// <summary>
/// Who is calling, for services that check the role themselves (defence in depth behind the page
/// attributes). Every user-driven entry sets it: each HTTP request after authentication, and each
/// inbound circuit activity (a click, a form submit) from the circuit's current, revalidated
/// authentication state. Work no user started (Hangfire jobs, start-up seeding) runs with none.
/// </summary>
public static class WorkspaceCaller
{
    private static readonly AsyncLocal<ClaimsPrincipal?> Ambient = new();

    /// <summary>Stands for "a push from another user's action": nobody, so guarded writes refuse.</summary>
    public static readonly ClaimsPrincipal Nobody = new(new ClaimsIdentity());

    public static ClaimsPrincipal? Current
    {
        get => Ambient.Value;
        set => Ambient.Value = value;
    }

    /// <summary>Throws unless the current caller holds one of <paramref name="roles"/>; background work passes.</summary>
    public static void Require(params string[] roles)
    {
        if (Current is not { } caller)
        {
            return;
        }
        if (caller.Identity?.IsAuthenticated != true || !roles.Any(caller.IsInRole))
        {
            throw new RoleRequiredException(roles);
        }
    }

    /// <summary>The address limits partition on: the connection's, or the proxy's forwarded one when configured.</summary>
    public static string ClientAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary>Runs the rest of the current async flow as <paramref name="caller"/> (tests, jobs acting for someone).</summary>
    public static IDisposable As(ClaimsPrincipal? caller)
    {
        var previous = Ambient.Value;
        Ambient.Value = caller;
        return new Restore(previous);
    }

    private sealed class Restore(ClaimsPrincipal? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}

public sealed class RoleRequiredException(string[] roles)
    : UnauthorizedAccessException($"This needs the role {string.Join(" or ", roles)}.")
{
    public IReadOnlyList<string> Roles { get; } = roles;
}
