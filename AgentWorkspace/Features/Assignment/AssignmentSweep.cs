using AgentWorkspace.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Assignment;

/// <summary>
/// At start-up: whoever the database still shows present gets the grace period to come back (the
/// process may have died with their pages). Then, every <see cref="AssignmentOptions.SweepEvery"/>, the
/// line runs once more, for anything an event missed (a node that died mid-way, a failed write).
/// </summary>
public sealed class AssignmentSweep(
    IDbContextFactory<WorkspaceDbContext> dbFactory,
    AgentPresence presence,
    AutoAssigner assigner,
    IOptions<AssignmentOptions> options,
    TimeProvider time,
    ILogger<AssignmentSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using (var db = await dbFactory.CreateDbContextAsync(stoppingToken))
            {
                var present = await db.AgentStates.AsNoTracking().Where(s => s.Status != AgentStatus.Offline).Select(s => s.UserName).ToListAsync(stoppingToken);
                foreach (var user in present)
                {
                    presence.ExpectLeaving(user);
                }
            }
            using var timer = new PeriodicTimer(options.Value.SweepEvery, time);
            do
            {
                await assigner.RequestAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The assignment sweep stopped");
        }
    }
}
