using System.Collections.Concurrent;
using System.Security.Claims;
using AgentWorkspace.Data;
using AgentWorkspace.Features;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Security;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Realtime;

/// <summary>
/// A hub connection keeps the user it connected with. Every <see cref="SecurityOptions.RevalidateEvery"/>
/// this closes the connections whose user was removed, disabled, changed role or password, or
/// signed out everywhere, and those whose connector key was revoked, as the circuits end.
/// </summary>
public sealed class HubSessions(
    IServiceScopeFactory scopes,
    IOptions<SecurityOptions> options,
    TimeProvider time,
    ILogger<HubSessions> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, HubCallerContext> _connections = new();

    public void Add(HubCallerContext context) => _connections[context.ConnectionId] = context;

    public void Remove(string connectionId) => _connections.TryRemove(connectionId, out _);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RevalidateEvery, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SweepAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Closes every connection whose user or key no longer holds; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var closed = 0;
        foreach (var (id, context) in _connections)
        {
            try
            {
                if (!await IsCurrentAsync(context.User ?? WorkspaceCaller.Nobody, ct))
                {
                    context.Abort();
                    Remove(id);
                    closed++;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not re-check hub connection {Connection}", id);
            }
        }
        return closed;
    }

    private async Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!user.IsInRole(ApiKeyAuthenticationHandler.ConnectorRole))
        {
            return await SessionCheck.IsCurrentAsync(user, scope.ServiceProvider, ct);
        }
        var keyId = user.FindFirstValue(ConnectorScopes.KeyClaimType);
        if (keyId == "bootstrap")
        {
            return !string.IsNullOrEmpty(scope.ServiceProvider.GetRequiredService<IOptions<Features.Accounts.ConnectorKeyOptions>>().Value.ApiKey);
        }
        if (!int.TryParse(keyId, out var id))
        {
            return false;
        }
        var db = scope.ServiceProvider.GetRequiredService<IDbContextFactory<WorkspaceDbContext>>();
        await using var context = await db.CreateDbContextAsync(ct);
        return await context.ConnectorKeys.AnyAsync(k => k.Id == id && k.RevokedAt == null, ct);
    }
}
