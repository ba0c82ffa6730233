using AgentWorkspace.Data;
using AgentWorkspace.Features.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Assignment;

/// <summary>A person's open conversations on a channel, over what automatic assignment would give them.</summary>
public sealed record OverCapacity(string UserName, Channel Channel, int Load, int Capacity);

/// <summary>
/// Manual claims and a supervisor's reassignment are a person's own choice and may go past the
/// capacity automatic assignment keeps to; they are not refused (a lead handing an agent one more
/// urgent case, an agent finishing what they started must stay possible), but in Automatic mode the
/// page says so at once instead of letting it pass silently: the agent then gets nothing new on that
/// channel until their load is back under capacity.
/// </summary>
public sealed class CapacityNotice(IDbContextFactory<WorkspaceDbContext> dbFactory, AssignmentModeStore modes, IOptions<AssignmentOptions> options)
{
    /// <summary>After <paramref name="userName"/> took a conversation on <paramref name="channel"/>: their load when it is over capacity in Automatic mode, else null.</summary>
    public async Task<OverCapacity?> AfterTakingAsync(string userName, Channel channel, CancellationToken ct = default)
    {
        var capacity = options.Value.CapacityFor(channel);
        if (await modes.CurrentAsync(ct) != AssignmentMode.Automatic)
        {
            return null;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var load = (await AutoAssigner.LoadsAsync(db, [userName], channel, ct)).GetValueOrDefault(userName);
        return load > capacity ? new OverCapacity(userName, channel, load, capacity) : null;
    }
}
