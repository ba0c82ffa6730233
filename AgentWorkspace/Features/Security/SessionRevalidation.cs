using System.Security.Claims;
using AgentWorkspace.Features.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Security;

/// <summary>
/// An open page re-reads its user every <see cref="SecurityOptions.RevalidateEvery"/>: removed,
/// disabled, a changed security stamp (password reset, "sign out everywhere") or a different set of
/// roles makes the circuit anonymous, and the router sends the page to sign-in.
/// </summary>
public sealed class WorkspaceRevalidatingAuthenticationStateProvider(
    ILoggerFactory loggerFactory,
    IServiceScopeFactory scopes,
    IOptions<SecurityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidateEvery;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await SessionCheck.IsCurrentAsync(state.User, scope.ServiceProvider, cancellationToken);
    }
}

public static class SessionCheck
{
    /// <summary>Whether the principal still matches its account: exists, enabled, same stamp, same roles.</summary>
    public static async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, IServiceProvider services, CancellationToken ct = default)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return true;
        }
        var users = services.GetRequiredService<UserManager<WorkspaceUser>>();
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsDisabled)
        {
            return false;
        }
        if (users.SupportsUserSecurityStamp)
        {
            var stampClaim = principal.FindFirstValue(services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType);
            if (stampClaim != await users.GetSecurityStampAsync(user))
            {
                return false;
            }
        }
        var roles = await users.GetRolesAsync(user);
        var claimed = principal.FindAll(ClaimTypes.Role).Select(c => c.Value);
        return roles.ToHashSet().SetEquals(claimed);
    }
}

/// <summary>Sets <see cref="WorkspaceCaller"/> for every inbound circuit activity from the circuit's current user.</summary>
public sealed class CallerCircuitHandler(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            ClaimsPrincipal caller;
            try
            {
                caller = (await authentication.GetAuthenticationStateAsync()).User;
            }
            catch (InvalidOperationException)
            {
                // The circuit has not been given its authentication state yet.
                caller = WorkspaceCaller.Nobody;
            }
            WorkspaceCaller.Current = caller;
            await next(context);
        };
}
